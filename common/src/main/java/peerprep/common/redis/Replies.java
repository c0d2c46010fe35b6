package peerprep.common.redis;

import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading Redis replies the same way whether the connection speaks RESP2 or RESP3. */
public final class Replies {
  private Replies() {
  }

  /** A hash reply (HGETALL, or a flat field/value array from a function) as a map; empty for nil. */
  public static Map<String, String> hash(Response r) {
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

  /**
   * A sorted-set reply read WITHSCORES, member to score in reply order: a flat member/score array (RESP2)
   * or an array of member/score pairs (RESP3).
   */
  public static Map<String, Double> scores(Response r) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    if (r == null) {
      return out;
    }
    for (int i = 0; i < r.size(); i++) {
      Response item = r.get(i);
      if (item != null && item.type() == ResponseType.MULTI) {
        out.put(string(item.get(0)), item.get(1).toDouble());
      } else if (i + 1 < r.size()) {
        out.put(string(item), r.get(++i).toDouble());
      }
    }
    return out;
  }

  /** An array reply as strings (nil elements stay null); empty for nil. */
  public static List<String> strings(Response r) {
    List<String> out = new ArrayList<>();
    if (r != null) {
      for (int i = 0; i < r.size(); i++) {
        out.add(string(r.get(i)));
      }
    }
    return out;
  }

  /** A bulk string reply, or null for nil. */
  public static String string(Response r) {
    return r == null ? null : r.toString();
  }

  /** An integer reply, or 0 for nil. */
  public static long number(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
