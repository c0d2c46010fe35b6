package peerprep.common.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.ArrayList;
import java.util.List;

/**
 * Text frames written to WebSockets during one turn of an event loop, flushed once per socket when the
 * turn ends. Vert.x flushes each frame it is given at once (unless that very socket is being read), so a
 * socket that receives several frames in one turn (the acknowledgements and copies of a batch of messages
 * read from Redis) pays a system call per frame; written here, it pays one per turn.
 *
 * <p>The first frame of a turn schedules the flush on the event loop, which runs it once the loop has
 * handled that turn's I/O, whatever Vert.x context the writes ran on (a request's, a Redis connection's).
 * A socket's unflushed frames are flushed at once when they reach {@link #FLUSH_AT} bytes, so a large
 * catch-up does not pile up in memory. Frames go through the channel's whole pipeline in the order
 * written, and stay ahead of whatever Vert.x writes to the same socket afterwards (a ping, a close frame),
 * whose own flush takes them along. A write from another thread, or to a socket of another event loop,
 * flushes at once. The bytes of the frames are reported to the connection's metrics as they are flushed,
 * as Vert.x reports the frames it writes itself. An instance belongs to one event loop and is not
 * thread-safe.
 */
public final class TurnFlush {
  /** Unflushed bytes of one socket above which it is flushed without waiting for the end of the turn. */
  public static final int FLUSH_AT = 64 * 1024;
  /** Bytes a socket's client has not taken above which it counts as too slow ({@link Writer#stalled}). */
  public static final long MAX_BACKLOG = 1024 * 1024;
  private final EventLoop loop;
  private List<Writer> due = new ArrayList<>();
  private long flushes;
  private long frames;

  /** The flush of the frames written on this context's event loop. */
  public TurnFlush(Context context) {
    this.loop = ((ContextInternal) context).nettyEventLoop();
  }

  /** The writer of one socket, given its HTTP connection (the one the WebSocket was upgraded from). */
  public Writer writer(HttpConnection connection) {
    return new Writer((ConnectionBase) connection);
  }

  /** Frames written since this instance was made. */
  public long frames() {
    return frames;
  }

  /** System-level flushes made since this instance was made: at most one per socket per turn. */
  public long flushes() {
    return flushes;
  }

  private void flushDue() {
    List<Writer> turn = due;
    due = new ArrayList<>();
    for (Writer w : turn) {
      w.scheduled = false;
      w.flush();
    }
  }

  /** Writes the frames of one socket. */
  public final class Writer {
    private final ConnectionBase connection;
    private final Channel channel;
    private boolean scheduled;
    private int unflushed;

    private Writer(ConnectionBase connection) {
      this.connection = connection;
      this.channel = connection.channel();
    }

    /** Writes one final text frame of this text. */
    public void text(String text) {
      text(ByteBufUtil.writeUtf8(channel.alloc(), text));
    }

    /** Writes one final text frame of these UTF-8 bytes; the frame takes over the buffer. */
    public void text(ByteBuf utf8) {
      int size = utf8.readableBytes();
      channel.write(new TextWebSocketFrame(utf8), channel.voidPromise());
      frames++;
      unflushed += size;
      if (unflushed >= FLUSH_AT || channel.eventLoop() != loop || !loop.inEventLoop()) {
        flush();
      } else if (!scheduled) {
        scheduled = true;
        if (due.isEmpty()) {
          loop.execute(TurnFlush.this::flushDue);
        }
        due.add(this);
      }
    }

    /** Bytes written to this socket that the network has not taken yet, flushed or not. */
    public long backlog() {
      ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
      return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Whether the client left more than {@link #MAX_BACKLOG} bytes untaken: it does not keep up. */
    public boolean stalled() {
      return backlog() > MAX_BACKLOG;
    }

    private void flush() {
      if (unflushed > 0) {
        long bytes = unflushed;
        unflushed = 0;
        flushes++;
        channel.flush();
        if (channel.eventLoop().inEventLoop()) {
          connection.reportBytesWritten(bytes);
        } else {
          channel.eventLoop().execute(() -> connection.reportBytesWritten(bytes));
        }
      }
    }
  }
}
