package peerprep.common.vocab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SocketVocabularyTest {
  @Test
  @DisplayName("Error codes are lower case with hyphens, and the underscore spelling reads as the same code")
  void errorCodes() {
    assertThat(SocketError.RATE_LIMITED.code()).isEqualTo("rate-limited");
    assertThat(SocketError.of("rate_limited")).contains(SocketError.RATE_LIMITED);
    assertThat(SocketError.of("Session-Ended")).contains(SocketError.SESSION_ENDED);
    assertThat(SocketError.of("no-such-error")).isEmpty();
    assertThat(SocketError.of(null)).isEmpty();
    assertThat(Arrays.stream(SocketError.values()).map(SocketError::code)).allMatch(c -> c.matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  @DisplayName("Close codes are unique, standard below 4000 and the application's own from 4000 to 4999")
  void closeCodes() {
    assertThat(Arrays.stream(CloseCode.values()).map(CloseCode::code).distinct()).hasSize(CloseCode.values().length);
    assertThat(Arrays.stream(CloseCode.values()).map(CloseCode::code))
      .allMatch(c -> c >= 1000 && c <= 1015 || c >= 4000 && c <= 4999);
    assertThat(CloseCode.of(4429)).contains(CloseCode.RATE_LIMITED);
    assertThat(CloseCode.of(4401)).contains(CloseCode.REVOKED);
    assertThat(CloseCode.of(1234)).isEmpty();
    assertThat(CloseCode.NO_HEARTBEAT.reason()).isNotBlank();
  }
}
