package peerprep.common.vocab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIdsTest {
  @Test
  @DisplayName("A new session id is canonical and lower case")
  void created() {
    String id = SessionIds.create();
    assertThat(SessionIds.canonical(id)).isTrue();
    assertThat(SessionIds.normalize(id)).contains(id);
  }

  @Test
  @DisplayName("An upper-case spelling is a valid id, normalised to lower case, but not canonical")
  void upperCase() {
    String id = "0F8FAD5B-D9CB-469F-A165-70867728950E";
    assertThat(SessionIds.valid(id)).isTrue();
    assertThat(SessionIds.canonical(id)).isFalse();
    assertThat(SessionIds.normalize(id)).contains(id.toLowerCase());
    assertThat(SessionIds.toUuid(id)).contains(UUID.fromString(id));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "1-2-3-4-5", "session-1", "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5b-d9cb-469f-a165-70867728950e ",
    "0f8fad5bxd9cb-469f-a165-70867728950e", "*"})
  @DisplayName("Anything but a 36-character UUID names no session")
  void refused(String id) {
    assertThat(SessionIds.valid(id)).isFalse();
    assertThat(SessionIds.normalize(id)).isEmpty();
    assertThat(SessionIds.toUuid(id)).isEmpty();
  }
}
