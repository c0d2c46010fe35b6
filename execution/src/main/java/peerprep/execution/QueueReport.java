package peerprep.execution;

import io.vertx.core.Vertx;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.config.Settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Reports this task's queue as one JSON log line every interval, idle or not:
 * {@code {"message":"run-queue","service":"execution-service","running":1,"queued":3,"parallel":2,"capacity":18}}.
 * On ECS a log metric filter turns {@code queued} into the metric the service scales on; the task has no
 * IAM role, so it could not publish a metric itself.
 */
final class QueueReport {
  static final String MESSAGE = "run-queue";
  private static final Logger LOG = LoggerFactory.getLogger(QueueReport.class);

  private QueueReport() {
  }

  static long intervalMs(Settings s) {
    return s.integer("EXECUTION_QUEUE_REPORT_MS", 10_000, 100, 3_600_000);
  }

  /** Starts the reports; returns the timer to cancel. */
  static long start(Vertx vertx, long intervalMs, IntSupplier running, IntSupplier queued, int parallel, int capacity) {
    return vertx.setPeriodic(intervalMs, id -> {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("service", "execution-service");
      fields.put("running", running.getAsInt());
      fields.put("queued", queued.getAsInt());
      fields.put("parallel", parallel);
      fields.put("capacity", capacity);
      LOG.info(MESSAGE, StructuredArguments.entries(fields));
    });
  }
}
