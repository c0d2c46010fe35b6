package peerprep.common.config;

/** A missing or malformed configuration value; its message names the variable to set. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
