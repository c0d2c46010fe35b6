package peerprep.collab.session;

import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading Redis replies the same way whether the connection speaks RESP2 or RESP3. */
final class Replies {
  private Replies() {
  }

  static Map<String, String> hash(Response r) {
    Map<String, String> out = new HashMap<>();
    if (r == null) {
      return out;
    }
    if (r.isMap()) {
      for (String key : r.getKeys()) {
        out.put(key, string(r.get(key)));
      }
    } else {
      for (int i = 0; i + 1 < r.size(); i += 2) {
        out.put(string(r.get(i)), string(r.get(i + 1)));
      }
    }
    return out;
  }

  static List<String> strings(Response r) {
    List<String> out = new ArrayList<>();
    if (r != null) {
      for (int i = 0; i < r.size(); i++) {
        out.add(string(r.get(i)));
      }
    }
    return out;
  }

  static String string(Response r) {
    return r == null ? null : r.toString();
  }

  static long number(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
