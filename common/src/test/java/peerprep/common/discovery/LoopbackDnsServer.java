package peerprep.common.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real DNS server on loopback UDP answering A queries from a table the test changes; unknown names get
 * NXDOMAIN. Enough of RFC 1035 for a resolver: one question, A answers with a compression pointer.
 */
final class LoopbackDnsServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<String, List<String>> records = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final Thread thread;

  LoopbackDnsServer() {
    try {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "loopback-dns");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int queries() {
    return queries.get();
  }

  void set(String name, List<String> addresses) {
    records.put(name.toLowerCase(Locale.ROOT), addresses);
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        socket.receive(in);
        queries.incrementAndGet();
        byte[] reply = answer(ByteBuffer.wrap(in.getData(), 0, in.getLength()));
        socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private byte[] answer(ByteBuffer q) {
    short id = q.getShort(0);
    int pos = 12;
    StringBuilder name = new StringBuilder();
    int len;
    while ((len = q.get(pos) & 0xff) != 0) {
      if (name.length() > 0) {
        name.append('.');
      }
      for (int i = 1; i <= len; i++) {
        name.append((char) q.get(pos + i));
      }
      pos += len + 1;
    }
    int questionEnd = pos + 5;
    int qtype = q.getShort(pos + 1) & 0xffff;
    List<String> addresses = qtype == 1 ? records.get(name.toString().toLowerCase(Locale.ROOT)) : List.of();
    boolean known = records.containsKey(name.toString().toLowerCase(Locale.ROOT));
    int count = addresses == null ? 0 : addresses.size();
    ByteBuffer out = ByteBuffer.allocate(questionEnd + count * 16);
    out.putShort(id);
    out.putShort((short) (known ? 0x8180 : 0x8183));
    out.putShort((short) 1).putShort((short) count).putShort((short) 0).putShort((short) 0);
    out.put(q.array(), q.arrayOffset() + 12, questionEnd - 12);
    for (int i = 0; i < count; i++) {
      out.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(5).putShort((short) 4);
      for (String octet : addresses.get(i).split("\\.")) {
        out.put((byte) Integer.parseInt(octet));
      }
    }
    return out.array();
  }

  @Override
  public void close() {
    socket.close();
  }
}
