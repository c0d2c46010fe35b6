package peerprep.devstack;

import java.util.Optional;

/**
 * One service of the development stack: the module it is built from, its service name, its development
 * port (as in the architecture) and its database, if it has one.
 */
record StackService(String module, String name, int port, String database) {
  Optional<String> db() {
    return Optional.ofNullable(database);
  }
}
