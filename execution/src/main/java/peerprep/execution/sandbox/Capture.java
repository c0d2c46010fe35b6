package peerprep.execution.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one output stream of a program into memory up to a cap. Past the cap it tells its owner (which
 * stops the program) and keeps draining, so the program never blocks on a full pipe.
 */
final class Capture implements Runnable {
  private final InputStream in;
  private final int cap;
  private final Runnable onOverflow;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private volatile boolean truncated;

  Capture(InputStream in, int cap, Runnable onOverflow) {
    this.in = in;
    this.cap = cap;
    this.onOverflow = onOverflow;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int room = cap - kept.size();
        if (n > room) {
          kept.write(buffer, 0, Math.max(room, 0));
          if (!truncated) {
            truncated = true;
            onOverflow.run();
          }
        } else {
          kept.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // The stream closes under the reader when the program is killed: what was read so far stands.
    }
  }

  boolean truncated() {
    return truncated;
  }

  /** The bytes kept, as text; a multi-byte character cut by the cap becomes a replacement character. */
  synchronized String text() {
    return new String(kept.toByteArray(), StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
  }
}
