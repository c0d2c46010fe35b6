package peerprep.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Plain HTTP calls for a simulation's set-up, outside the measured run: checking the stack answers,
 * registering users, reading question summaries, and creating sessions as the matching service would.
 */
final class StackClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Targets targets;

  record User(String id, String username, String token) {
  }

  StackClient(Targets targets) {
    this.targets = targets;
  }

  /** Fails with one clear line when a service does not answer its health check. */
  void requireUp() {
    for (Service service : Service.values()) {
      String url = targets.direct(service, "/health");
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException(service + " is not ready at " + url + " (" + r.statusCode() + ")");
        }
      } catch (IOException e) {
        throw new IllegalStateException(service + " does not answer at " + url + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while checking the stack", e);
      }
    }
  }

  /** Registers {@code count} users, at most {@code parallel} at a time (each costs the server a password hash). */
  List<User> register(int count, int parallel) {
    Semaphore slots = new Semaphore(parallel);
    List<CompletableFuture<User>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.acquireUninterruptibly();
      pending.add(registerAsync(Accounts.nextUsername()).whenComplete((u, e) -> slots.release()));
    }
    return pending.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<User> registerAsync(String username) {
    ObjectNode body = Accounts.registration(username);
    return send(post(targets.http(Service.USER, "/auth/register"), body, null), 201)
      .thenApply(r -> new User(r.path("user").path("id").asText(), username, r.path("accessToken").asText()));
  }

  /** Question summaries ({@code id, title, difficulty, topics}) of the first page of the bank. */
  List<JsonNode> questions(User user, int count) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(targets.http(Service.QUESTION, "/questions?size=" + count)))
      .timeout(TIMEOUT).header("Authorization", "Bearer " + user.token()).GET().build();
    JsonNode page = send(request, 200).join();
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode q : page.path("items")) {
      out.add(JSON.createObjectNode().put("id", q.path("id").asText()).put("title", q.path("title").asText())
        .put("difficulty", q.path("difficulty").asText()).set("topics", q.path("topics")));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("The question bank is empty; the stack needs its questions loaded");
    }
    return out;
  }

  /** Creates a session for two users through the collaboration service's internal route, as matching does. */
  CompletableFuture<String> createSession(User a, User b, JsonNode question, String internalToken) {
    ObjectNode body = JSON.createObjectNode().put("matchId", UUID.randomUUID().toString()).put("language", "python");
    body.putArray("participants").add(participant(a)).add(participant(b));
    body.set("question", question);
    HttpRequest request = post(targets.direct(Service.COLLAB, "/internal/sessions"), body, internalToken);
    return send(request, 201).thenApply(r -> r.path("sessionId").asText());
  }

  private static ObjectNode participant(User u) {
    return JSON.createObjectNode().put("id", u.id()).put("username", u.username());
  }

  private static HttpRequest post(String url, JsonNode body, String internalToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (internalToken != null) {
      b.header("X-Internal-Token", internalToken);
    }
    return b.build();
  }

  private CompletableFuture<JsonNode> send(HttpRequest request, int expected) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() != expected) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
          + " instead of " + expected + ": " + r.body());
      }
      return CollabDoc.parse(r.body());
    });
  }
}
