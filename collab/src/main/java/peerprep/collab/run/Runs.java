package peerprep.collab.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import peerprep.collab.session.SessionRepository;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.config.Settings;
import peerprep.common.discovery.Discovery;
import peerprep.common.http.ContractRouter;

import java.util.List;

/** Running code in a session, as one piece the service mounts: its config, the execution service, the routes. */
public final class Runs {
  private final Future<Discovery> discovery;
  private final RunApi api;

  private Runs(Future<Discovery> discovery, RunApi api) {
    this.discovery = discovery;
    this.api = api;
  }

  /** Finds the execution service in the background; a run asked before it is found waits for it. */
  public static Runs create(Vertx vertx, Settings settings, long sessionTtlMs, Redis redis, SessionRepository sessions,
                            JwksVerifier verifier) {
    RunConfig cfg = RunConfig.from(settings, sessionTtlMs);
    Future<Discovery> found = cfg.enabled() ? Discovery.start(vertx, settings, List.of(RunConfig.SERVICE))
      : Future.failedFuture("Running code is not set up on this server.");
    return new Runs(found, new RunApi(sessions, new RunRepository(redis, cfg), new ExecutionClient(found, cfg.timeoutMs()), verifier, cfg));
  }

  public void mount(ContractRouter routes) {
    api.mount(routes);
  }

  public void close() {
    discovery.onSuccess(Discovery::close);
  }
}
