package peerprep.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head (request line and headers) is still incomplete a fixed time
 * after the connection opened (its first request) or after the head's first byte arrived (each later
 * request), answering 408 as problem+json, so a client that sends a request a byte at a time cannot hold
 * a connection open. Two small handlers share the clock: one sees the raw bytes (a head starts), one
 * sees what the HTTP decoder made of them (a head is complete, a request is over). Once a connection is
 * upgraded to a WebSocket both step aside, together with the idle timeout: a WebSocket's liveness is its
 * heartbeat's job.
 */
final class HeaderDeadline {
  private static final String RAW = "peerprep-header-deadline-raw";
  private static final String DECODED = "peerprep-header-deadline-decoded";

  private final long timeoutMs;
  private boolean readingHead;
  private boolean inRequest;
  private long headStartedNanos;
  private ScheduledFuture<?> check;

  private HeaderDeadline(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** Installs the deadline on a new HTTP/1.x connection; other connection kinds are left as they are. */
  static void install(HttpConnection connection, long timeoutMs) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get(HttpRequestDecoder.class) == null || pipeline.get("handler") == null) {
      return;
    }
    HeaderDeadline deadline = new HeaderDeadline(timeoutMs);
    pipeline.addFirst(RAW, deadline.new Raw());
    pipeline.addBefore("handler", DECODED, deadline.new Decoded());
    deadline.readingHead = true;
    deadline.headStartedNanos = System.nanoTime();
    deadline.schedule(pipeline.context(RAW), timeoutMs);
  }

  /** Whether the connection has been upgraded to a WebSocket (its HTTP request decoder is gone). */
  static boolean upgraded(HttpConnection connection) {
    return connection instanceof ConnectionBase base && base.channel().pipeline().get(HttpRequestDecoder.class) == null;
  }

  private void schedule(ChannelHandlerContext ctx, long delayMs) {
    check = ctx.executor().schedule(() -> expire(ctx), delayMs, TimeUnit.MILLISECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    check = null;
    if (!readingHead || !ctx.channel().isActive()) {
      return;
    }
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headStartedNanos);
    if (waitedMs < timeoutMs) {
      schedule(ctx, timeoutMs - waitedMs);
      return;
    }
    String body = new JsonObject()
      .put("type", "about:blank")
      .put("title", "Request Timeout")
      .put("status", 408)
      .put("detail", "The request line and headers did not arrive within " + timeoutMs + " ms.")
      .encode();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Problems.CONTENT_TYPE + "\r\nContent-Length: "
      + bytes.length + "\r\nConnection: close\r\n\r\n";
    ByteBuf out = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), bytes);
    ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }

  private void stepAside(ChannelPipeline pipeline) {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
    readingHead = false;
    pipeline.remove(RAW);
    if (pipeline.get(DECODED) != null) {
      pipeline.remove(DECODED);
    }
    IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
    if (idle != null) {
      pipeline.remove(idle);
    }
  }

  /** Sees raw bytes before the HTTP decoder: the first byte of a request head starts the clock. */
  private final class Raw extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (ctx.pipeline().get(HttpRequestDecoder.class) == null) {
        stepAside(ctx.pipeline());
      } else if (!readingHead && msg instanceof ByteBuf buf && buf.isReadable() && !inRequest) {
        readingHead = true;
        headStartedNanos = System.nanoTime();
        if (check == null) {
          schedule(ctx, timeoutMs);
        }
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      if (check != null) {
        check.cancel(false);
        check = null;
      }
    }
  }

  /** Sees the decoder's output: a complete head stops the clock, the end of a request re-arms it. */
  private final class Decoded extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        readingHead = false;
        inRequest = true;
      }
      if (msg instanceof LastHttpContent) {
        inRequest = false;
      }
      ctx.fireChannelRead(msg);
    }
  }
}
