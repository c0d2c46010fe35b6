package peerprep.common.config;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.Base64;

/**
 * Typed, validated access to a merged configuration whose keys are the environment variable names
 * ({@code PORT}, {@code DB_HOST}, {@code SECRET_INTERNAL_TOKEN}...). Every accessor fails with a
 * {@link ConfigException} that names the variable, so a service refuses to start with a clear message.
 */
public final class Settings {
  private final JsonObject values;

  public Settings(JsonObject values) {
    this.values = values;
  }

  public JsonObject raw() {
    return values;
  }

  public boolean has(String key) {
    Object v = values.getValue(key);
    return v != null && !v.toString().isBlank();
  }

  public String string(String key) {
    if (!has(key)) {
      throw new ConfigException("Missing required configuration: set the environment variable " + key);
    }
    return values.getValue(key).toString().trim();
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  public int integer(String key, int fallback) {
    return has(key) ? integer(key) : fallback;
  }

  public int integer(String key) {
    String v = string(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ConfigException("Malformed configuration: " + key + " must be a whole number, got '" + v + "'");
    }
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when unset. */
  public int integer(String key, int fallback, int min, int max) {
    int n = integer(key, fallback);
    if (n < min || n > max) {
      throw new ConfigException("Malformed configuration: " + key + " must be a whole number from " + min + " to " + max + ", got " + n);
    }
    return n;
  }

  public int port(String key, int fallback) {
    int p = integer(key, fallback);
    if (p < 0 || p > 65535) {
      throw new ConfigException("Malformed configuration: " + key + " must be a port between 0 and 65535, got " + p);
    }
    return p;
  }

  public long millis(String key, long fallback) {
    if (!has(key)) {
      return fallback;
    }
    String v = string(key);
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException("Malformed configuration: " + key + " must be a non-negative number of milliseconds, got '" + v + "'");
    }
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    String v = string(key).toLowerCase();
    if (v.equals("true") || v.equals("1") || v.equals("yes")) {
      return true;
    }
    if (v.equals("false") || v.equals("0") || v.equals("no")) {
      return false;
    }
    throw new ConfigException("Malformed configuration: " + key + " must be true or false, got '" + v + "'");
  }

  public URI uri(String key) {
    String v = string(key);
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Malformed configuration: " + key + " must be a URL such as scheme://host:port, got '" + v + "'");
    }
  }

  /** A secret given either as PEM text or as base64 of the PEM text (handy in env files). */
  public String pem(String key) {
    String v = string(key).replace("\\n", "\n");
    if (v.contains("-----BEGIN")) {
      return v;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(v.replaceAll("\\s", "")));
      if (decoded.contains("-----BEGIN")) {
        return decoded;
      }
    } catch (IllegalArgumentException ignored) {
      // falls through to the error below
    }
    throw new ConfigException("Malformed configuration: " + key + " must hold a PEM key (or its base64)");
  }
}
