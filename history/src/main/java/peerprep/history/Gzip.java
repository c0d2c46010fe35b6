package peerprep.history;

import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip of a whole buffer in memory. */
final class Gzip {
  private Gzip() {
  }

  static Buffer compress(Buffer plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length() / 8));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  static Buffer decompress(Buffer compressed) {
    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()))) {
      return Buffer.buffer(gz.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
