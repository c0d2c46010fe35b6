package peerprep.common.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** One structured log line per request, written when the response ends, with its latency. */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("access");
  private final String service;

  public AccessLog(String service) {
    this.service = service;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(v -> {
      String path = ctx.request().path();
      if ("/health".equals(path) || "/metrics".equals(path)) {
        return;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("service", service);
      fields.put("method", ctx.request().method().name());
      fields.put("path", path);
      fields.put("status", ctx.response().getStatusCode());
      fields.put("latency_ms", (System.nanoTime() - start) / 1_000_000.0);
      fields.put("bytes", ctx.response().bytesWritten());
      fields.put("remote", ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress());
      LOG.info("request", StructuredArguments.entries(fields));
    });
    ctx.next();
  }
}
