package peerprep.collab.session;

/**
 * Every Redis key and channel name of the service. The functions of {@code redis/collab.lua} receive every
 * key they touch from here, as declared keys.
 */
public final class Keys {
  /** Live connections: member {@code <session>|<user>|<connection>}, score = last heartbeat (ms). */
  public static final String CONNECTIONS = "collab:conns";
  /** Sessions nobody is connected to: member = session id, score = when they count as abandoned. */
  public static final String AWAY = "collab:away";
  /** Participants gone from a session: member {@code <session>|<user>}, score = when they count as left. */
  public static final String LEAVING = "collab:leaving";
  /** The finalization outbox: member = session id, score = when the next attempt is due. */
  public static final String FINALIZE = "collab:finalize";
  /** The stream other services read ended sessions from. */
  public static final String ENDED_STREAM = "peerprep:sessions:ended";

  private Keys() {
  }

  public static String session(String id) {
    return "collab:s:" + id;
  }

  public static String log(String id) {
    return "collab:s:" + id + ":log";
  }

  /** The session's language switches, oldest first (JSON entries {@code {t, v, user, from, language}}). */
  public static String languages(String id) {
    return "collab:s:" + id + ":languages";
  }

  public static String channel(String id) {
    return "collab:ch:" + id;
  }

  /** A user's sessions: member = session id, score = when it was created (epoch µs). */
  public static String userSessions(String userId) {
    return "collab:u:" + userId + ":sessions";
  }

  public static String match(String matchId) {
    return "collab:match:" + matchId;
  }

  /** The session id of a channel name, or null when the name is not a session channel. */
  public static String sessionOfChannel(String channel) {
    return channel.startsWith("collab:ch:") ? channel.substring("collab:ch:".length()) : null;
  }
}
