package peerprep.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The knobs of a load run, read from a system property or else the environment variable of the same
 * name, so {@code SCALE=100 make loadtest} and {@code mvn -DSCALE=100 gatling:test} both work.
 */
final class Options {
  private Options() {
  }

  static String text(String name, String fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static double number(String name, double fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed <= 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
        throw new IllegalArgumentException(name + " must be a positive number, got '" + value + "'");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive number, got '" + value + "'", e);
    }
  }

  static int whole(String name, int fallback) {
    double value = number(name, fallback);
    if (value != Math.rint(value)) {
      throw new IllegalArgumentException(name + " must be a whole number, got " + value);
    }
    return (int) value;
  }

  /** The scale of the run; each simulation says what one unit means. */
  static double scale(double fallback) {
    return number("SCALE", fallback);
  }

  /**
   * The internal service credential, for the set-up steps that stand in for the matching service:
   * {@code INTERNAL_TOKEN}, else the file the development stack keeps in its state folder.
   */
  static String internalToken() {
    String direct = text("INTERNAL_TOKEN", null);
    if (direct != null) {
      return direct;
    }
    String dir = text("STATE_DIR", null);
    // Gatling runs in the module's folder; the development stack keeps its state at the repository root
    Path file = dir != null ? Path.of(dir).resolve("internal-token")
      : Files.exists(Path.of(".devstack")) ? Path.of(".devstack", "internal-token") : Path.of("..", ".devstack", "internal-token");
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("No INTERNAL_TOKEN given and " + file.toAbsolutePath()
        + " cannot be read; set STATE_DIR to the stack's state folder", e);
    }
  }
}
