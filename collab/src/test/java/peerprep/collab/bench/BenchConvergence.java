package peerprep.collab.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The harness's convergence rule after the drain: a session converged when both editors hold the same
 * text and it has every token both made; also counted, the sessions whose server text
 * ({@code GET /sessions/{id}} as the first participant) equals the first editor's, and those with
 * unconfirmed local changes left.
 */
final class BenchConvergence {
  private static final int CONCURRENCY = 20;

  private BenchConvergence() {
  }

  static JsonObject check(WebClient http, int port, List<BenchPair> pairs) {
    int converged = 0;
    int equal = 0;
    int complete = 0;
    int unconfirmed = 0;
    long chars = 0;
    List<String> finals = new ArrayList<>();
    for (BenchPair p : pairs) {
      String a = onContext(p.a(), () -> p.a().editor.doc());
      String b = onContext(p.b(), () -> p.b().editor.doc());
      int expected = p.startLength() + BenchSide.TOKEN * (p.a().edits() + p.b().edits());
      boolean same = a.equals(b);
      boolean full = a.length() == expected && b.length() == expected;
      equal += same ? 1 : 0;
      complete += full ? 1 : 0;
      converged += same && full ? 1 : 0;
      unconfirmed += p.a().editor.unconfirmed() + p.b().editor.unconfirmed() > 0 ? 1 : 0;
      chars += a.length();
      finals.add(a);
    }
    return new JsonObject().put("converged", converged).put("of", pairs.size()).put("equalText", equal)
      .put("completeText", complete).put("serverMatches", serverMatches(http, port, pairs, finals))
      .put("unconfirmed", unconfirmed).put("avgDocChars", pairs.isEmpty() ? 0 : chars / pairs.size());
  }

  private static int serverMatches(WebClient http, int port, List<BenchPair> pairs, List<String> finals) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger matches = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      lanes.add(lane(http, port, pairs, finals, next, matches));
    }
    Future.all(lanes).timeout(120, TimeUnit.SECONDS).await();
    return matches.get();
  }

  private static Future<Void> lane(WebClient http, int port, List<BenchPair> pairs, List<String> finals,
                                   AtomicInteger next, AtomicInteger matches) {
    int i = next.getAndIncrement();
    if (i >= pairs.size()) {
      return Future.succeededFuture();
    }
    return http.get(port, "127.0.0.1", "/sessions/" + pairs.get(i).sessionId())
      .putHeader("Authorization", "Bearer " + pairs.get(i).tokenA()).timeout(10_000).send()
      .map(r -> {
        if (r.statusCode() == 200 && finals.get(i).equals(r.bodyAsJsonObject().getString("text"))) {
          matches.incrementAndGet();
        }
        return (Void) null;
      })
      .recover(e -> Future.succeededFuture())
      .compose(v -> lane(http, port, pairs, finals, next, matches));
  }

  private static <T> T onContext(BenchSide side, Supplier<T> read) {
    Promise<T> answer = Promise.promise();
    side.editor.context().runOnContext(v -> answer.complete(read.get()));
    return answer.future().await();
  }
}
