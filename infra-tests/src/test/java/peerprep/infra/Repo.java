package peerprep.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the repository's infrastructure code lives. */
public final class Repo {
  public static final List<String> MODULES = List.of(
      "network", "security-groups", "alb", "ecs-cluster", "ecs-service", "service-discovery",
      "rds", "elasticache", "ecr", "iam", "secrets", "observability", "stack");

  /** The composed module both environments call; it wires every other module. */
  public static final String STACK = "stack";

  public static final List<String> ENVIRONMENTS = List.of("prod", "dev");

  private Repo() {}

  public static List<String> modules() {
    return MODULES;
  }

  public static List<String> environments() {
    return ENVIRONMENTS;
  }

  public static Path root() {
    Path root = Path.of(System.getProperty("infra.root", "..")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("terraform"))) {
      throw new IllegalStateException("no terraform/ under " + root + "; set -Dinfra.root");
    }
    return root;
  }

  public static Path terraform() {
    return root().resolve("terraform");
  }

  public static TerraformDir module(String name) {
    return TerraformDir.load(terraform().resolve("modules").resolve(name));
  }

  public static TerraformDir env(String name) {
    return TerraformDir.load(terraform().resolve("envs").resolve(name));
  }

  /** An environment seen through the composed module it calls. */
  public static Environment environment(String name) {
    return Environment.load(name);
  }
}
