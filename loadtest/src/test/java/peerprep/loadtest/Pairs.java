package peerprep.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions made before the run, as the matching service would make them, and handed out to virtual
 * users two at a time: the first of a pair gets role "a", the second role "b". Users come from a pool
 * and sit in several sessions each, which keeps the set-up to a few dozen password hashes; every session,
 * socket and document is still its own.
 */
final class Pairs implements Iterator<Map<String, Object>> {
  private volatile List<Map<String, Object>> slots = List.of();
  private final AtomicInteger next = new AtomicInteger();

  /** Registers {@code poolSize} users and creates {@code pairs} sessions between them. */
  void prepare(StackClient stack, int pairs, int poolSize, String internalToken) {
    List<StackClient.User> pool = stack.register(poolSize, 8);
    List<JsonNode> questions = stack.questions(pool.get(0), 50);
    Semaphore inFlight = new Semaphore(16);
    List<CompletableFuture<String>> created = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      StackClient.User a = pool.get((2 * i) % pool.size());
      StackClient.User b = pool.get((2 * i + 1) % pool.size());
      inFlight.acquireUninterruptibly();
      created.add(stack.createSession(a, b, questions.get(i % questions.size()), internalToken)
        .whenComplete((id, e) -> inFlight.release()));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      String sessionId = created.get(i).join();
      StackClient.User a = pool.get((2 * i) % pool.size());
      StackClient.User b = pool.get((2 * i + 1) % pool.size());
      out.add(slot(sessionId, a, "a"));
      out.add(slot(sessionId, b, "b"));
    }
    slots = List.copyOf(out);
  }

  private static Map<String, Object> slot(String sessionId, StackClient.User user, String role) {
    return Map.of("sessionId", sessionId, "userId", user.id(), "token", user.token(), "role", role);
  }

  @Override
  public boolean hasNext() {
    return next.get() < slots.size();
  }

  @Override
  public Map<String, Object> next() {
    int i = next.getAndIncrement();
    if (i >= slots.size()) {
      throw new NoSuchElementException("Every prepared session is taken");
    }
    return slots.get(i);
  }
}
