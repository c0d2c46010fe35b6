package peerprep.execution;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;

class CorrectProgramsTest {
  @RegisterExtension
  static final ServiceFixture<ExecutionVerticle> fixture = TestService.fixture(new JsonObject())
    .assuming(TestService::assumeBubblewrap);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  private static void assertOk(JsonObject result, String stdout) {
    assertThat(result.getString("outcome")).as(result.encodePrettily()).isEqualTo("ok");
    assertThat(result.getString("stdout")).isEqualTo(stdout);
    assertThat(result.getInteger("exitCode")).isZero();
    assertThat(result.getString("signal")).isNull();
    assertThat(result.getString("limit")).isNull();
    assertThat(result.getLong("wallMs")).isPositive();
    assertThat(result.getLong("cpuMs")).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(result.getLong("peakMemoryKb")).isPositive();
  }

  @Test
  @DisplayName("A Python program reads its stdin and prints exactly what it computed")
  void python() {
    assertOk(service.run("python", "import sys\nnums = [int(x) for x in sys.stdin.read().split()]\nprint(sum(nums))\nprint('héllo')\n",
      "1 2 3\n4\n"), "10\nhéllo\n");
  }

  @Test
  @DisplayName("A JavaScript program on Node reads its stdin and prints exactly what it computed")
  void javascript() {
    assertOk(service.run("javascript", "const lines = require('fs').readFileSync(0, 'utf8').trim().split('\\n');\n"
      + "console.log(lines.map(Number).reduce((a, b) => a + b, 0));\nconsole.log([1, 2].map(x => x * 2).join(','));\n",
      "5\n7\n"), "12\n2,4\n");
  }

  @Test
  @DisplayName("A Java 17 program is compiled, reads its stdin and prints exactly what it computed")
  void java() {
    String code = "import java.util.*;\n\npublic class Solution {\n  public static void main(String[] args) {\n"
      + "    Scanner in = new Scanner(System.in);\n    long sum = 0;\n    while (in.hasNextLong()) { sum += in.nextLong(); }\n"
      + "    var words = List.of(\"a\", \"b\");\n    System.out.println(sum + \" \" + String.join(\"-\", words));\n  }\n}\n";
    assertOk(service.run("java", code, "40 2"), "42 a-b\n");
  }

  @Test
  @DisplayName("A C++17 program is compiled, reads its stdin and prints exactly what it computed")
  void cpp() {
    String code = "#include <iostream>\n#include <optional>\nint main() {\n  long a, b;\n  std::cin >> a >> b;\n"
      + "  std::optional<long> s = a * b;\n  if (auto [x, y] = std::pair{*s, 1}; y) std::cout << x << \"\\n\";\n  return 0;\n}\n";
    assertOk(service.run("cpp", code, "6 7\n"), "42\n");
  }

  @Test
  @DisplayName("A C++ compile error is reported as such, with the line and column the editor marks")
  void cppCompileError() {
    JsonObject r = service.run("cpp", "#include <iostream>\nint main() {\n  std::cout << undefined_name;\n}\n");
    assertThat(r.getString("outcome")).isEqualTo("compile-error");
    assertThat(r.getString("phase")).isEqualTo("compile");
    JsonObject first = r.getJsonArray("diagnostics").getJsonObject(0);
    assertThat(first.getInteger("line")).isEqualTo(3);
    assertThat(first.getInteger("column")).isEqualTo(16);
    assertThat(first.getString("message")).contains("undefined_name");
  }

  @Test
  @DisplayName("A Java compile error is reported as such, with the line the editor marks")
  void javaCompileError() {
    JsonObject r = service.run("java", "public class Main {\n  public static void main(String[] a) {\n    int x = \"no\";\n  }\n}\n");
    assertThat(r.getString("outcome")).isEqualTo("compile-error");
    assertThat(r.getJsonArray("diagnostics").getJsonObject(0).getInteger("line")).isEqualTo(3);
    assertThat(r.getString("stderr")).contains("incompatible types");
  }

  @Test
  @DisplayName("A Python syntax error is reported as a compile error on its line")
  void pythonSyntaxError() {
    JsonObject r = service.run("python", "print('a')\nif True\n    print('b')\n");
    assertThat(r.getString("outcome")).isEqualTo("compile-error");
    assertThat(r.getString("stdout")).isEmpty();
    assertThat(r.getJsonArray("diagnostics").getJsonObject(0).getInteger("line")).isEqualTo(2);
  }

  @Test
  @DisplayName("A JavaScript syntax error is reported as a compile error on its line")
  void javascriptSyntaxError() {
    JsonObject r = service.run("javascript", "console.log(1);\nconst x = ;\n");
    assertThat(r.getString("outcome")).isEqualTo("compile-error");
    assertThat(r.getJsonArray("diagnostics").getJsonObject(0).getInteger("line")).isEqualTo(2);
  }

  @Test
  @DisplayName("A Python exception is a runtime error with its exit status, the line it was raised on, and the output before it")
  void pythonRuntimeError() {
    JsonObject r = service.run("python", "print('before')\n\ndef f():\n    return 1 // 0\nf()\n");
    assertThat(r.getString("outcome")).isEqualTo("error");
    assertThat(r.getInteger("exitCode")).isEqualTo(1);
    assertThat(r.getString("stdout")).isEqualTo("before\n");
    assertThat(r.getString("stderr")).contains("ZeroDivisionError");
    assertThat(r.getJsonArray("diagnostics").getJsonObject(0).getInteger("line")).isEqualTo(4);
  }

  @Test
  @DisplayName("A program's own exit status is reported as it is")
  void exitStatus() {
    JsonObject r = service.run("javascript", "process.exit(3)");
    assertThat(r.getString("outcome")).isEqualTo("error");
    assertThat(r.getInteger("exitCode")).isEqualTo(3);
    assertThat(r.getString("limit")).isNull();
  }

  @Test
  @DisplayName("A C++ program that dereferences null ends with SIGSEGV, and no limit is blamed")
  void segfault() {
    JsonObject r = service.run("cpp", "int main() { volatile int* p = nullptr; return *p; }\n");
    assertThat(r.getString("outcome")).isEqualTo("error");
    assertThat(r.getString("signal")).isEqualTo("SIGSEGV");
    assertThat(r.getValue("exitCode")).isNull();
    assertThat(r.getString("limit")).isNull();
  }
}
