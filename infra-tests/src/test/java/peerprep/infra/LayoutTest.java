package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;

class LayoutTest {

  static Stream<Path> allDirs() {
    Stream<Path> modules = Repo.MODULES.stream().map(m -> Repo.terraform().resolve("modules").resolve(m));
    Stream<Path> envs = Repo.ENVIRONMENTS.stream().map(e -> Repo.terraform().resolve("envs").resolve(e));
    return Stream.concat(modules, envs);
  }

  @Test
  @DisplayName("terraform/modules holds exactly the platform's modules")
  void moduleSet() throws IOException {
    try (Stream<Path> dirs = Files.list(Repo.terraform().resolve("modules"))) {
      Set<String> found = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(Repo.MODULES), found);
    }
  }

  @ParameterizedTest(name = "modules/{0}")
  @MethodSource("peerprep.infra.Repo#modules")
  @DisplayName("Every module has main.tf, variables.tf, outputs.tf and versions.tf")
  void moduleFiles(String module) {
    Path dir = Repo.terraform().resolve("modules").resolve(module);
    for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf")) {
      assertTrue(Files.isRegularFile(dir.resolve(file)), dir + " lacks " + file);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDirs")
  @DisplayName("Every variable has a type and a description")
  void variablesTyped(Path dir) {
    TerraformDir tf = TerraformDir.load(dir);
    List<String> problems = new ArrayList<>();
    tf.variables().forEach((name, variable) -> {
      if (!variable.has("type")) {
        problems.add(name + " has no type");
      }
      if (!variable.has("description") || variable.attr("description").string().isBlank()) {
        problems.add(name + " has no description");
      }
    });
    assertTrue(problems.isEmpty(), dir + ": " + problems);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDirs")
  @DisplayName("Every output has a description")
  void outputsDescribed(Path dir) {
    TerraformDir tf = TerraformDir.load(dir);
    tf.outputs().forEach((name, output) ->
        assertFalse(output.attr("description").string().isBlank(), dir + ": output " + name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDirs")
  @DisplayName("A resource or data source that is the only one of its kind is named this")
  void singleOfAKindIsThis(Path dir) {
    TerraformDir tf = TerraformDir.load(dir);
    List<String> problems = new ArrayList<>();
    for (String type : List.of("resource", "data")) {
      Map<String, List<Block>> byKind = tf.blocks(type).stream()
          .collect(Collectors.groupingBy(block -> block.label(0)));
      byKind.forEach((kind, blocks) -> {
        if (blocks.size() == 1 && !blocks.get(0).name().equals("this")) {
          problems.add(blocks.get(0).describe());
        }
      });
    }
    assertTrue(problems.isEmpty(), "should be named this: " + problems);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allDirs")
  @DisplayName("Every module and environment requires Terraform 1.11 and the hashicorp/aws provider")
  void versionsPinned(Path dir) {
    TerraformDir tf = TerraformDir.load(dir);
    assertTrue(Files.isRegularFile(dir.resolve("versions.tf")), dir + " lacks versions.tf");
    Block terraform = tf.blocks("terraform").get(0);
    assertEquals(">= 1.11.0", terraform.attr("required_version").string());
    Expr.ObjectExpr aws = terraform.block("required_providers").attr("aws").object();
    assertEquals("hashicorp/aws", aws.get("source").string());
    assertTrue(aws.get("version").string().startsWith("~> "), "the AWS provider version is pinned");
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Each environment keeps its state in S3 with locking")
  void remoteState(String env) {
    Block backend = Repo.env(env).blocks("terraform").get(0).block("backend");
    assertEquals("s3", backend.label(0));
    assertTrue(backend.attr("encrypt").bool());
    assertTrue(backend.attr("use_lockfile").bool());
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Each environment builds on the shared modules, whose sources exist")
  void environmentsUseModules(String env) {
    TerraformDir tf = Repo.env(env);
    assertEquals(Set.of(Repo.STACK), tf.modules().keySet(), env + " calls the composed module and nothing else");
    Path stackDir = tf.dir().resolve(tf.module(Repo.STACK).attr("source").string()).normalize();
    assertEquals(Repo.terraform().resolve("modules").resolve(Repo.STACK), stackDir);

    Environment environment = Repo.environment(env);
    Set<String> used = new TreeSet<>();
    environment.stack().modules().forEach((name, module) -> {
      String source = module.attr("source").string();
      Path target = environment.stack().dir().resolve(source).normalize();
      assertTrue(Files.isDirectory(target), env + ": module " + name + " points at missing " + source);
      assertEquals(Repo.terraform().resolve("modules"), target.getParent(), env + ": module " + name);
      used.add(target.getFileName().toString());
    });
    Set<String> expected = new TreeSet<>(Repo.MODULES);
    expected.remove(Repo.STACK);
    assertEquals(expected, used);

    // Only prod owns image repositories; dev's module "ecr" is handed no repository at all.
    assertEquals("toset([for name, service in local.services : \"peerprep/${name}\" if var.create_image_repositories])",
        environment.module("ecr").attr("repositories").source());
    assertEquals(!env.equals("dev"), environment.input("create_image_repositories").bool());
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("An existing state moves into the composed module: a moved block per module the environment called")
  void stateMovesIntoTheStack(String env) {
    Environment environment = Repo.environment(env);
    Map<String, String> moves = new TreeMap<>();
    for (Block moved : environment.root().blocks("moved")) {
      String from = moved.attr("from").source();
      assertTrue(moves.put(from, moved.attr("to").source()) == null, env + " moves " + from + " twice");
    }
    Map<String, String> expected = new TreeMap<>();
    for (String module : environment.stack().modules().keySet()) {
      if (env.equals("dev") && module.equals("ecr")) {
        continue;
      }
      expected.put("module." + module, "module." + Repo.STACK + ".module." + module);
    }
    assertEquals(expected, moves);
  }

  @Test
  @DisplayName("No state, plan or variable values are committed under terraform/")
  void noStateCommitted() throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "ls-files", "terraform")
        .directory(Repo.root().toFile())
        .redirectErrorStream(true)
        .start();
    List<String> tracked = new String(git.getInputStream().readAllBytes()).lines().toList();
    Assumptions.assumeTrue(git.waitFor() == 0, "not a git work tree");
    tracked.stream()
        .filter(path -> path.contains(".tfstate") || path.endsWith(".tfvars") || path.endsWith("/tfplan")
            || path.contains("/.terraform/"))
        .findFirst()
        .ifPresent(path -> fail("should not be committed: " + path));
  }
}
