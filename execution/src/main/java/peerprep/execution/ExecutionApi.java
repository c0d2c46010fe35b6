package peerprep.execution;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ContractRouter;
import peerprep.execution.sandbox.LanguageRuntime;
import peerprep.execution.sandbox.Limits;

/**
 * The routes: the languages and limits (public), and the run itself, internal: only the collaboration
 * service reaches it (network placement), since it alone knows a session's current code and participants.
 */
final class ExecutionApi {
  private final RunQueue queue;
  private final ExecutionConfig cfg;

  ExecutionApi(RunQueue queue, ExecutionConfig cfg) {
    this.queue = queue;
    this.cfg = cfg;
  }

  void mount(ContractRouter routes) {
    routes.on("listLanguages", this::languages);
    routes.on("runProgram", this::run);
  }

  private void run(RoutingContext ctx) {
    RunRequest request = RunRequest.fromJson(ContractRouter.body(ctx), cfg.maxSourceChars(), cfg.maxStdinBytes());
    queue.submit(request.language(), request.code(), request.stdin())
      .onSuccess(q -> ctx.json(q.result().toJson().put("queuedMs", q.queuedMs())))
      .onFailure(ctx::fail);
  }

  private void languages(RoutingContext ctx) {
    JsonArray languages = new JsonArray();
    for (LanguageRuntime l : LanguageRuntime.values()) {
      languages.add(new JsonObject().put("id", l.id()).put("label", l.label()).put("compiled", l.compiled()));
    }
    Limits run = cfg.sandbox().limits();
    Limits compile = cfg.sandbox().compileLimits();
    ctx.json(new JsonObject()
      .put("languages", languages)
      .put("sandbox", cfg.sandbox().mode().name().toLowerCase())
      .put("limits", new JsonObject()
        .put("cpuSeconds", run.cpuSeconds()).put("wallMs", run.wallMs()).put("memoryMb", run.memoryMb())
        .put("processes", run.processes()).put("fileBytes", run.fileBytes()).put("openFiles", run.openFiles())
        .put("outputBytes", run.outputBytes()).put("compileCpuSeconds", compile.cpuSeconds())
        .put("compileWallMs", compile.wallMs()).put("sourceChars", cfg.maxSourceChars()).put("stdinBytes", cfg.maxStdinBytes()))
      .put("queue", new JsonObject().put("parallel", cfg.parallelRuns()).put("waiting", cfg.queueSize())
        .put("running", queue.running()).put("queued", queue.waiting())));
  }
}
