package peerprep.execution;

import peerprep.execution.sandbox.Reaper;

import static org.assertj.core.api.Assertions.assertThat;

/** What a finished run must not leave behind: processes, directories. */
final class Leftovers {
  private Leftovers() {
  }

  /** No process of the sandbox's users is alive, none is still a child of this JVM, and no run directory is left. */
  static void assertNone(TestService service, int... uids) {
    for (int uid : uids) {
      assertThat(Reaper.processesOf(uid)).as("processes of sandbox user " + uid).isEmpty();
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")).toList())
      .as("processes started by the service").isEmpty();
    assertThat(service.leftovers()).as("run directories").isEmpty();
  }
}
