package peerprep.user;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerprep.common.http.ApiException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Password strength rules")
class PasswordPolicyTest {

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"lettersand1digit", "UPPER-and-lower", "1234567890!", "émoji 🙂 passphrase", "Exactly10c"})
  @DisplayName("Passwords of 10 to 128 characters mixing two kinds of characters are accepted")
  void accepts(String password) {
    assertThatCode(() -> PasswordPolicy.check(password, "someone", "someone@example.com")).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"abcdefghijklmnop", "ABCDEFGHIJKLMNOP", "12345678901234", "!!!!!!!!!!!!"})
  @DisplayName("A password of one kind of character only is refused")
  void refusesOneKind(String password) {
    assertThatThrownBy(() -> PasswordPolicy.check(password, "someone", "someone@example.com"))
      .isInstanceOf(ApiException.class).hasMessageContaining("two kinds");
  }

  @Test
  @DisplayName("Length counts characters, not UTF-16 units: nine emoji are too short")
  void countsCodePoints() {
    assertThatThrownBy(() -> PasswordPolicy.check("🙂🙂🙂🙂a🙂🙂🙂🙂", "someone", "someone@example.com"))
      .hasMessageContaining("at least 10");
  }

  @Test
  @DisplayName("The username or email in another case is refused")
  void refusesIdentity() {
    assertThatThrownBy(() -> PasswordPolicy.check("Someone-123", "someone-123", "x@example.com")).hasMessageContaining("username");
    assertThatThrownBy(() -> PasswordPolicy.check("Someone@Example.com", "abc", "someone@example.com")).hasMessageContaining("email");
  }
}
