package peerprep.question;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The image formats descriptions may show, recognised by their leading bytes rather than a name or header. */
public enum ImageType {
  PNG("image/png"), JPEG("image/jpeg"), GIF("image/gif"), WEBP("image/webp");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private final String contentType;

  ImageType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public static Optional<ImageType> detect(Buffer bytes) {
    if (startsWith(bytes, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (bytes.length() >= 3 && bytes.getUnsignedByte(0) == 0xFF && bytes.getUnsignedByte(1) == 0xD8
      && bytes.getUnsignedByte(2) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
      return Optional.of(GIF);
    }
    if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(Buffer bytes, int offset, byte[] prefix) {
    if (bytes.length() < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes.getByte(offset + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
