package peerprep.question;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure rules: image sniffing, slugs from titles, and the search query built from user text. */
class ContentRulesTest {

  @Test
  @DisplayName("Image types are recognised from their leading bytes only")
  void sniffing() {
    assertThat(ImageType.detect(Images.png(2, 2))).contains(ImageType.PNG);
    assertThat(ImageType.detect(Images.jpeg(2, 2))).contains(ImageType.JPEG);
    assertThat(ImageType.detect(Images.gif(2, 2))).contains(ImageType.GIF);
    assertThat(ImageType.detect(Images.webp())).contains(ImageType.WEBP);
    assertThat(ImageType.detect(Buffer.buffer("RIFF\0\0\0\0WAVEfmt "))).isEqualTo(Optional.empty());
    assertThat(ImageType.detect(Buffer.buffer("\u0089PN"))).isEmpty();
    assertThat(ImageType.detect(Buffer.buffer("GIF90a"))).isEmpty();
    assertThat(ImageType.detect(Buffer.buffer())).isEmpty();
  }

  @Test
  @DisplayName("Slugs keep letters and digits of the title, lower-cased and joined by hyphens")
  void slugs() {
    assertThat(Slugs.fromTitle("Pair With Target Sum!")).isEqualTo("pair-with-target-sum");
    assertThat(Slugs.fromTitle("  Crème brûlée: 2 ways  ")).isEqualTo("creme-brulee-2-ways");
    assertThat(Slugs.fromTitle("???")).isEqualTo("question");
    assertThat(Slugs.fromTitle("word ".repeat(40))).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-");
  }

  @Test
  @DisplayName("A search becomes a prefix match on every word, with nothing but letters and digits passed on")
  void searchQuery() {
    assertThat(ListQuery.searchQuery("Rev  tree")).isEqualTo("rev:* & tree:*");
    assertThat(ListQuery.searchQuery("a & b | !c:* <-> (d)")).isEqualTo("a:* & b:* & c:* & d:*");
    assertThat(ListQuery.searchQuery("   ")).isNull();
    assertThatThrownBy(() -> ListQuery.searchQuery("&&&")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ListQuery.searchQuery("w ".repeat(11))).hasMessageContaining("at most 10 words");
  }

  @Test
  @DisplayName("A relaxed pick tries the nearest difficulties first")
  void nearestDifficulties() {
    assertThat(Difficulty.EASY.othersNearestFirst(false)).containsExactly(Difficulty.MEDIUM, Difficulty.HARD);
    assertThat(Difficulty.HARD.othersNearestFirst(true)).containsExactly(Difficulty.MEDIUM, Difficulty.EASY);
    assertThat(Difficulty.MEDIUM.othersNearestFirst(true)).containsExactly(Difficulty.EASY, Difficulty.HARD);
    assertThat(Difficulty.MEDIUM.othersNearestFirst(false)).containsExactly(Difficulty.HARD, Difficulty.EASY);
  }
}
