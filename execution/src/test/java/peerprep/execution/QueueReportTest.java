package peerprep.execution;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue line the deployment's log metric filter reads: its JSON fields are the filter's contract. */
@ExtendWith(VertxExtension.class)
class QueueReportTest {

  @Test
  @DisplayName("Every interval the queue is logged as one JSON line with the message, service and queued runs the metric filter matches")
  void reportsQueue(Vertx vertx) throws Exception {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.start();
    CompletableFuture<JsonObject> second = new CompletableFuture<>();
    AtomicInteger seen = new AtomicInteger();
    AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        if (seen.incrementAndGet() == 2) {
          second.complete(new JsonObject(new String(encoder.encode(event), StandardCharsets.UTF_8)));
        }
      }
    };
    Logger logger = (Logger) LoggerFactory.getLogger(QueueReport.class);
    capture.start();
    logger.addAppender(capture);
    AtomicInteger queued = new AtomicInteger(3);
    long timer = QueueReport.start(vertx, 100, () -> 2, queued::getAndIncrement, 2, 18);
    try {
      JsonObject line = second.get(10, TimeUnit.SECONDS);
      assertThat(line.getString("message")).isEqualTo(QueueReport.MESSAGE);
      assertThat(line.getString("service")).isEqualTo("execution-service");
      assertThat(line.getInteger("queued")).isEqualTo(4);
      assertThat(line.getInteger("running")).isEqualTo(2);
      assertThat(line.getInteger("capacity")).isEqualTo(18);
    } finally {
      vertx.cancelTimer(timer);
      logger.detachAppender(capture);
    }
  }
}
