package peerprep.collab.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import peerprep.common.discovery.Discovery;
import peerprep.common.http.ApiException;

/** Calls the execution service's internal run route and turns its refusals into the caller's problems. */
final class ExecutionClient {
  private final Future<Discovery> discovery;
  private final long timeoutMs;

  ExecutionClient(Future<Discovery> discovery, long timeoutMs) {
    this.discovery = discovery;
    this.timeoutMs = timeoutMs;
  }

  Future<JsonObject> run(String language, String code, String stdin) {
    JsonObject body = new JsonObject().put("language", language).put("code", code).put("stdin", stdin);
    return discovery.compose(d -> d.client(RunConfig.SERVICE))
      .compose(client -> client.post("/internal/runs").timeout(timeoutMs).sendJsonObject(body))
      .recover(e -> Future.failedFuture(ApiException.unavailable("The code runner cannot be reached; try again in a moment.")))
      .compose(response -> {
        int status = response.statusCode();
        if (status == 200) {
          return Future.succeededFuture(response.bodyAsJsonObject());
        }
        String detail = detail(response.bodyAsString());
        if (status == 429) {
          long retry = parse(response.getHeader("Retry-After"));
          return Future.failedFuture(ApiException.tooManyRequests("The code runner is busy; try again in " + retry + " s.", retry));
        }
        if (status == 400 || status == 413) {
          return Future.failedFuture(ApiException.unprocessable("The code cannot be run: " + detail));
        }
        return Future.failedFuture(ApiException.unavailable("The code runner failed (" + status + "); try again in a moment."));
      });
  }

  private static String detail(String body) {
    try {
      return new JsonObject(body).getString("detail", "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static long parse(String retryAfter) {
    try {
      return Math.max(1, Long.parseLong(retryAfter));
    } catch (NumberFormatException | NullPointerException e) {
      return 1;
    }
  }
}
