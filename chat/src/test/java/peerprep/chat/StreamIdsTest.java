package peerprep.chat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StreamIdsTest {
  private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
    .withZone(ZoneOffset.UTC);

  @Test
  @DisplayName("An id's time is written as UTC with milliseconds, the text java.time gives, across days, years and leap days")
  void atMatchesJavaTime() {
    long[] edges = {0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000L, 1_709_164_800_123L, 1_767_225_599_999L,
      1_767_225_600_000L, 253_402_300_799_999L};
    for (long ms : edges) {
      assertThat(StreamIds.at(ms + "-0")).isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(ms)));
    }
    SplittableRandom random = new SplittableRandom(20_261_207);
    for (int i = 0; i < 10_000; i++) {
      long ms = random.nextLong(253_402_300_800_000L);
      assertThat(StreamIds.at(ms + "-" + i)).isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(ms)));
    }
  }
}
