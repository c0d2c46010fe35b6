package peerprep.matching.queue;

/**
 * Every Redis key and channel of the queue. They share the hash tag {@code {match}}, so the requests a
 * function finds while it runs (a partner in a queue) live in the slot of the keys it was given.
 */
final class QueueKeys {
  static final String PREFIX = "peerprep:{match}:";
  /** Due work: {@code r:<request>} scored by when it must be looked at, {@code j:<match>} by its lease. */
  static final String DUE = PREFIX + "due";
  /** The {@code topic|difficulty} names of the queues that may hold requests. */
  static final String QUEUES = PREFIX + "queues";

  private QueueKeys() {
  }

  static String user(String userId) {
    return PREFIX + "user:" + userId;
  }

  static String request(String requestId) {
    return PREFIX + "req:" + requestId;
  }

  /** The sockets following a request: socket id to the task holding it. */
  static String sockets(String requestId) {
    return PREFIX + "sock:" + requestId;
  }

  static String queue(String topic, String difficulty) {
    return PREFIX + "q:" + topic + ":" + difficulty;
  }

  /** The topic's relaxed requests, which take any difficulty. */
  static String relaxed(String topic) {
    return PREFIX + "rq:" + topic;
  }

  static String match(String matchId) {
    return PREFIX + "m:" + matchId;
  }

  /** Lives while the task is alive; its sockets count as present only then. */
  static String task(String taskId) {
    return PREFIX + "task:" + taskId;
  }

  static String channel(String taskId) {
    return PREFIX + "chan:" + taskId;
  }
}
