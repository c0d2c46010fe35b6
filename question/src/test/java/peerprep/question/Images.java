package peerprep.question;

import io.vertx.core.buffer.Buffer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real image files made in memory for upload tests. */
final class Images {
  private Images() {
  }

  static Buffer png(int width, int height) {
    return encode("png", width, height);
  }

  static Buffer jpeg(int width, int height) {
    return encode("jpg", width, height);
  }

  static Buffer gif(int width, int height) {
    return encode("gif", width, height);
  }

  /** A RIFF container with a lossless WebP chunk header; the JDK has no WebP encoder. */
  static Buffer webp() {
    Buffer chunk = Buffer.buffer("VP8L", StandardCharsets.US_ASCII.name()).appendIntLE(5)
      .appendBytes(new byte[]{0x2F, 0, 0, 0, 0, 0});
    return Buffer.buffer("RIFF", StandardCharsets.US_ASCII.name()).appendIntLE(4 + chunk.length())
      .appendString("WEBP", StandardCharsets.US_ASCII.name()).appendBuffer(chunk);
  }

  private static Buffer encode(String format, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      image.setRGB(x, x % height, 0x3366CC);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("No ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
