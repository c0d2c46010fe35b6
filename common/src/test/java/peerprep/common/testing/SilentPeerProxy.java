package peerprep.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy in front of a service that can go silent: after {@link #vanish()} it forwards nothing in
 * either direction and closes nothing, as when a laptop lid closes or Wi-Fi drops. The server keeps a
 * half-open connection whose peer answers no ping and sends no close. After {@link #stopReading()} it
 * reads nothing more from the server, as a client that stopped reading its socket: the server's
 * buffers and write queue fill.
 */
public final class SilentPeerProxy {
  private final NetServer server;
  private final NetClient client;
  private final int target;
  private final List<NetSocket[]> pairs = new ArrayList<>();
  private final Promise<Void> serverClosed = Promise.promise();
  private boolean silent;

  private SilentPeerProxy(Vertx vertx, int target) {
    this.server = vertx.createNetServer();
    this.client = vertx.createNetClient();
    this.target = target;
  }

  /** A proxy on a free local port forwarding to {@code localhost:target}. */
  public static Future<SilentPeerProxy> start(Vertx vertx, int target) {
    SilentPeerProxy proxy = new SilentPeerProxy(vertx, target);
    return proxy.server.connectHandler(proxy::accept).listen(0, "localhost").map(proxy);
  }

  public int port() {
    return server.actualPort();
  }

  private void accept(NetSocket front) {
    front.pause();
    client.connect(target, "localhost").onSuccess(back -> {
      synchronized (this) {
        pairs.add(new NetSocket[]{front, back});
      }
      front.handler(b -> forward(back, b));
      back.handler(b -> forward(front, b));
      front.closeHandler(v -> back.close());
      back.closeHandler(v -> {
        serverClosed.tryComplete();
        front.close();
      });
      front.resume();
    }).onFailure(e -> front.close());
  }

  private void forward(NetSocket to, io.vertx.core.buffer.Buffer data) {
    if (!silent) {
      to.write(data);
    }
  }

  /** From now on nothing passes in either direction and no connection is closed. */
  public synchronized void vanish() {
    silent = true;
  }

  /** From now on the proxy reads nothing more from the server. */
  public synchronized void stopReading() {
    pairs.forEach(p -> p[1].pause());
  }

  /** Reads from the server again, dropping what it sent: the server's close becomes visible. */
  public synchronized void drain() {
    silent = true;
    pairs.forEach(p -> p[1].resume());
  }

  /** Completes when the server closed a proxied TCP connection. */
  public Future<Void> serverClosed() {
    return serverClosed.future();
  }

  /** Closes every proxied connection and the proxy. */
  public Future<Void> close() {
    synchronized (this) {
      pairs.forEach(p -> {
        p[0].close();
        p[1].close();
      });
    }
    return server.close().eventually(client::close);
  }
}
