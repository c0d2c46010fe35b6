package peerprep.common.ids;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UuidsTest {
  @Test
  @DisplayName("Only the canonical 36-character spelling is an id; a 35-character or shortened one that UUID.fromString accepts is refused")
  void canonicalOnly() {
    String id = UUID.randomUUID().toString();
    assertThat(Uuids.parse(id).toString()).isEqualTo(id);
    assertThat(Uuids.parse(id.toUpperCase()).toString()).isEqualTo(id);
    String short35 = "0" + id.substring(2);
    assertThat(UUID.fromString(short35)).isNotNull();
    assertThatThrownBy(() -> Uuids.parse(short35)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Uuids.parse("1-2-3-4-5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Uuids.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Uuids.canonical(id + " ")).isFalse();
  }
}
