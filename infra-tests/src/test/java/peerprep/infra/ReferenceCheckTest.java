package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCheckTest {
  @TempDir
  Path temp;

  @Test
  @DisplayName("Every module argument, required variable, module output, var.* and local.* under terraform/ resolves")
  void everyReferenceResolves() {
    List<String> problems = ReferenceCheck.problems(Repo.terraform());
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  @DisplayName("Renaming a module's output in a copy of terraform/ makes the check name the broken module.X.Y")
  void renamedOutputIsCaught() throws IOException {
    Path copy = copyTerraform();
    replace(copy.resolve("modules/observability/outputs.tf"), "output \"log_group_name\"", "output \"log_group\"");
    assertProblem(copy, "refers to module.observability.log_group_name, which modules/observability does not output");
  }

  @Test
  @DisplayName("Misspelling a var.* reference in a copy of terraform/ makes the check name it")
  void misspelledVariableIsCaught() throws IOException {
    Path copy = copyTerraform();
    replace(copy.resolve("modules/ecs-service/main.tf"), "var.execution_role_arn", "var.execution_role");
    assertProblem(copy, "modules/ecs-service: resource \"aws_ecs_task_definition\" \"this\"");
    assertProblem(copy, "refers to undeclared var.execution_role");
  }

  @Test
  @DisplayName("Renaming a variable a module call passes makes the check name both the unknown argument and the missing one")
  void renamedVariableIsCaught() throws IOException {
    Path copy = copyTerraform();
    replace(copy.resolve("modules/rds/variables.tf"), "variable \"master_password\"", "variable \"admin_password\"");
    replace(copy.resolve("modules/rds/main.tf"), "var.master_password", "var.admin_password");
    assertProblem(copy, "passes master_password, which modules/rds does not declare");
    assertProblem(copy, "does not pass the required variable admin_password of modules/rds");
  }

  @Test
  @DisplayName("Referring to a module the directory does not call is caught")
  void unknownModuleIsCaught() throws IOException {
    Path copy = copyTerraform();
    replace(copy.resolve("envs/prod/outputs.tf"), "module.stack.cluster_name", "module.platform.cluster_name");
    assertProblem(copy, "refers to module.platform, which is not called here");
  }

  private static void assertProblem(Path copy, String expected) {
    List<String> problems = ReferenceCheck.problems(copy);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
        "expected a problem containing '" + expected + "' but found:\n" + String.join("\n", problems));
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), file + " no longer contains " + from + "; pick another mutation");
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    assertEquals(text.replace(from, to), Files.readString(file, StandardCharsets.UTF_8));
  }

  private Path copyTerraform() throws IOException {
    Path source = Repo.terraform();
    Path target = temp.resolve("terraform");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path path : files.filter(p -> !p.toString().contains("/.terraform")).toList()) {
        Path dest = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(path, dest);
        }
      }
    }
    return target;
  }
}
