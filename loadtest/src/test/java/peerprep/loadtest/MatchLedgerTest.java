package peerprep.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchLedgerTest {

  @Test
  @DisplayName("Two users told the same session with each other is a clean match")
  void consistentPair() {
    MatchLedger ledger = new MatchLedger();
    assertThat(ledger.matched("u1", "s1", "u2")).isNull();
    assertThat(ledger.matched("u2", "s1", "u1")).isNull();
    assertThat(ledger.violations()).isZero();
    assertThat(ledger.unconfirmed()).isZero();
  }

  @Test
  @DisplayName("A user told of a second match is a violation")
  void matchedTwice() {
    MatchLedger ledger = new MatchLedger();
    ledger.matched("u1", "s1", "u2");
    assertThat(ledger.matched("u1", "s2", "u3")).contains("matched twice");
    assertThat(ledger.violations()).isEqualTo(1);
  }

  @Test
  @DisplayName("Partners who were told different sessions are caught by whichever reports second")
  void partnersDisagree() {
    MatchLedger ledger = new MatchLedger();
    ledger.matched("u2", "s9", "u1");
    assertThat(ledger.matched("u1", "s1", "u2")).contains("was told session s9");
  }

  @Test
  @DisplayName("A third user in one session and a match with oneself are violations")
  void crowdedOrSelf() {
    MatchLedger ledger = new MatchLedger();
    ledger.matched("u1", "s1", "u2");
    ledger.matched("u2", "s1", "u1");
    assertThat(ledger.matched("u3", "s1", "u1")).contains("given to 3 users");
    assertThat(ledger.matched("u4", "s4", "u4")).contains("with themselves");
  }

  @Test
  @DisplayName("A match the partner never confirmed is counted in the summary")
  void unconfirmed() {
    MatchLedger ledger = new MatchLedger();
    ledger.matched("u1", "s1", "u2");
    ledger.timedOut();
    assertThat(ledger.unconfirmed()).isEqualTo(1);
    assertThat(ledger.summary()).contains("matched 1, timed out 1, rule violations 0, matches not confirmed by the partner 1");
  }
}
