package peerprep.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

  @Test
  @DisplayName("Without a gateway each service is reached on its development port, shifted by the offset")
  void perServicePorts() {
    Targets t = new Targets(null, "127.0.0.1", 20000);
    assertThat(t.http(Service.USER, "/auth/login")).isEqualTo("http://127.0.0.1:28004/auth/login");
    assertThat(t.ws(Service.COLLAB, "/sessions/s/ws")).isEqualTo("ws://127.0.0.1:28005/sessions/s/ws");
  }

  @Test
  @DisplayName("Behind a gateway every service is reached under its public prefix, and https becomes wss")
  void gateway() {
    Targets t = new Targets("https://peerprep.example.com", "127.0.0.1", 0);
    assertThat(t.http(Service.QUESTION, "/topics")).isEqualTo("https://peerprep.example.com/question-service-api/topics");
    assertThat(t.ws(Service.MATCHING, "/match/ws")).isEqualTo("wss://peerprep.example.com/matching-service-api/match/ws");
  }

  @Test
  @DisplayName("Internal routes always go to the service's own port, never through the gateway")
  void internalRoutesAreDirect() {
    Targets t = new Targets("http://127.0.0.1:5173", "127.0.0.1", 0);
    assertThat(t.direct(Service.COLLAB, "/internal/sessions")).isEqualTo("http://127.0.0.1:8005/internal/sessions");
  }

  @Test
  @DisplayName("A stamp written into text is found again with its send time and phase")
  void stampsRoundTrip() {
    String text = "a " + Stamps.stamp(1_795_000_000_123L, "stress") + " b";
    assertThat(Stamps.find(text)).containsExactly(new Stamps.Stamp(1_795_000_000_123L, "stress"));
    assertThat(Stamps.find("no stamp here")).isEmpty();
  }
}
