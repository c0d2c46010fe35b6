package peerprep.common.vocab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTest {
  @Test
  @DisplayName("The editor's four languages are listed in the editor's order")
  void ids() {
    assertThat(Language.ids()).containsExactly("python", "java", "javascript", "cpp");
    assertThat(Language.choices()).isEqualTo("python, java, javascript, cpp");
  }

  @Test
  @DisplayName("An id names its language exactly; another case, another type or null names none")
  void find() {
    assertThat(Language.find("cpp")).contains(Language.CPP);
    assertThat(Language.find("Python")).isEmpty();
    assertThat(Language.find(42)).isEmpty();
    assertThat(Language.find(null)).isEmpty();
    assertThat(Language.isId("javascript")).isTrue();
    assertThat(Language.isId("ruby")).isFalse();
  }

  @Test
  @DisplayName("Each language carries its display name, file extension and indentation")
  void properties() {
    assertThat(Language.CPP.displayName()).isEqualTo("C++");
    assertThat(Language.PYTHON.extension()).isEqualTo("py");
    assertThat(Language.JAVASCRIPT.indent()).isEqualTo(2);
    assertThat(Language.JAVA.indent()).isEqualTo(4);
  }
}
