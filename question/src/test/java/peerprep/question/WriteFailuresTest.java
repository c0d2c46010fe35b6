package peerprep.question;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerprep.common.http.ApiException;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failed write of the question bank reaches the admin. */
class WriteFailuresTest {
  @ParameterizedTest(name = "SQLSTATE {0}")
  @ValueSource(strings = {"40001", "40P01", "55P03"})
  @DisplayName("A serialization failure, a deadlock or a lock not available is a 503 the admin may resend after a second")
  void lostLockConflicts(String sqlState) {
    Throwable mapped = QuestionRepository.failed(new PgException("lost", "ERROR", sqlState, null), "Parcel Pair").cause();
    assertThat(mapped).isInstanceOfSatisfying(ApiException.class, api -> {
      assertThat(api.status()).isEqualTo(503);
      assertThat(api.getMessage()).contains("nothing was saved", "Send the same request again");
      assertThat(api.extra().getInteger("retryAfter")).isEqualTo(1);
    });
  }

  @Test
  @DisplayName("A duplicate title is still a 409, and any other database failure is left for the 500 handler")
  void otherFailures() {
    Future<Object> duplicate = QuestionRepository.failed(new PgException("dup", "ERROR", "23505", "Key exists"), "Parcel Pair");
    assertThat(((ApiException) duplicate.cause()).status()).isEqualTo(409);
    PgException timeout = new PgException("canceling statement due to statement timeout", "ERROR", "57014", null);
    assertThat(QuestionRepository.failed(timeout, "Parcel Pair").cause()).isSameAs(timeout);
  }
}
