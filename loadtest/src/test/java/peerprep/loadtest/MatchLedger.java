package peerprep.loadtest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every user of a run was told by the matching service, checked as the answers come in: nobody is
 * matched twice or with themselves, a session has exactly the two users who were told of it, and both
 * name each other. Whichever of a pair reports second checks the pair, so the order does not matter.
 */
final class MatchLedger {
  record Match(String sessionId, String partnerId) {
  }

  private final Map<String, Match> byUser = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> bySession = new ConcurrentHashMap<>();
  private final AtomicInteger matched = new AtomicInteger();
  private final AtomicInteger timedOut = new AtomicInteger();
  private final AtomicInteger violations = new AtomicInteger();

  /** Records a match told to {@code userId}; returns why it breaks the rules, or null when it does not. */
  String matched(String userId, String sessionId, String partnerId) {
    matched.incrementAndGet();
    String problem = check(userId, sessionId, partnerId);
    if (problem != null) {
      violations.incrementAndGet();
    }
    return problem;
  }

  void timedOut() {
    timedOut.incrementAndGet();
  }

  private String check(String userId, String sessionId, String partnerId) {
    if (sessionId == null || partnerId == null) {
      return "the matched frame names no session or no partner";
    }
    if (userId.equals(partnerId)) {
      return "user " + userId + " was matched with themselves";
    }
    Match mine = new Match(sessionId, partnerId);
    Match earlier = byUser.putIfAbsent(userId, mine);
    if (earlier != null) {
      return "user " + userId + " was matched twice (sessions " + earlier.sessionId() + " and " + sessionId + ")";
    }
    Set<String> members = bySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet());
    members.add(userId);
    if (members.size() > 2) {
      return "session " + sessionId + " was given to " + members.size() + " users";
    }
    Match theirs = byUser.get(partnerId);
    if (theirs != null && !(theirs.sessionId().equals(sessionId) && theirs.partnerId().equals(userId))) {
      return "user " + userId + " was matched with " + partnerId + " in session " + sessionId
        + ", but " + partnerId + " was told session " + theirs.sessionId() + " with " + theirs.partnerId();
    }
    return null;
  }

  /** Users whose partner never reported the same match (should be none once every user has finished). */
  long unconfirmed() {
    return byUser.entrySet().stream()
      .filter(e -> {
        Match theirs = byUser.get(e.getValue().partnerId());
        return theirs == null || !theirs.partnerId().equals(e.getKey());
      })
      .count();
  }

  String summary() {
    return "matched " + matched.get() + ", timed out " + timedOut.get() + ", rule violations " + violations.get()
      + ", matches not confirmed by the partner " + unconfirmed();
  }

  int violations() {
    return violations.get();
  }
}
