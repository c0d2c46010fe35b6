package peerprep.collab.run;

/** The Redis keys of a session's runs, next to the session's own ({@code collab:s:<id>}). */
final class RunKeys {
  private RunKeys() {
  }

  /** The run going on now (its JSON), expiring if the task running it dies. */
  static String running(String sessionId) {
    return "collab:s:" + sessionId + ":run";
  }

  /** Every finished run, oldest first. */
  static String runs(String sessionId) {
    return "collab:s:" + sessionId + ":runs";
  }

  /** How many runs the session has started (its quota). */
  static String count(String sessionId) {
    return "collab:s:" + sessionId + ":runcount";
  }
}
