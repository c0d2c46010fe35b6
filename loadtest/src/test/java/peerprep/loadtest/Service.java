package peerprep.loadtest;

/** The services under load, with their development ports and public prefixes (docs/service-contracts.md). */
enum Service {
  QUESTION(8001, "/question-service-api"),
  MATCHING(8002, "/matching-service-api"),
  HISTORY(8003, "/history-service-api"),
  USER(8004, "/user-service-api"),
  COLLAB(8005, "/collaboration-service-api"),
  CHAT(8006, "/chat-service-api");

  final int devPort;
  final String prefix;

  Service(int devPort, String prefix) {
    this.devPort = devPort;
    this.prefix = prefix;
  }
}
