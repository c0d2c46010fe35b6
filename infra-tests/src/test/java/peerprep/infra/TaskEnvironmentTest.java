package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;
import peerprep.infra.hcl.Expr;

/**
 * terraform/task-environment.json lists, per Java service, the plain environment and the secrets its ECS
 * task definition gets; `make prodlike` starts every task with exactly that list. This keeps the file and
 * the Terraform that builds the task definitions equal, so the two cannot drift.
 */
class TaskEnvironmentTest {

  private static JsonObject file() throws IOException {
    return new JsonObject(Files.readString(Repo.terraform().resolve("task-environment.json")));
  }

  /** A literal as itself, any other expression as ${source}, as the file writes it. */
  private static String value(Expr e) {
    return e instanceof Expr.Literal literal ? String.valueOf(literal.value()) : "${" + e.source() + "}";
  }

  private static Map<String, String> entries(Expr e) {
    Map<String, String> out = new TreeMap<>();
    e.object().entries().forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  /**
   * The environment Terraform merges for one service: java, database (+ DB_NAME and the service's own
   * database role as DB_USER, named as local.database_roles names it), redis, the service's own.
   */
  private static Map<String, String> terraformEnvironment(Environment tf, Expr.ObjectExpr service, String name) {
    Map<String, String> env = new TreeMap<>(entries(tf.local("java_environment")));
    if (!(service.get("database") instanceof Expr.Literal literal && literal.value() == null)) {
      env.putAll(entries(tf.local("database_environment")));
      env.put("DB_NAME", service.get("database").string());
      env.put("DB_USER", name.replace('-', '_'));
    }
    if (service.get("redis").bool()) {
      env.putAll(entries(tf.local("redis_environment")));
    }
    Expr own = tf.local("service_environment").object().entries().get(name);
    if (own != null) {
      env.putAll(entries(own));
    }
    return env;
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("task-environment.json holds exactly the environment and secrets Terraform gives each Java service")
  void fileMatchesTerraform(String env) throws IOException {
    Environment tf = Repo.environment(env);
    JsonObject file = file();
    Expr.ObjectExpr services = ServiceCatalogueTest.services(env);
    Set<String> javaServices = services.entries().entrySet().stream()
        .filter(e -> e.getValue().object().get("runtime").string().equals("java"))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(javaServices, new TreeSet<>(file.fieldNames()));
    for (String name : javaServices) {
      Expr.ObjectExpr service = services.get(name).object();
      JsonObject entry = file.getJsonObject(name);
      Map<String, String> fromFile = new TreeMap<>();
      entry.getJsonObject("environment").forEach(e -> fromFile.put(e.getKey(), (String) e.getValue()));
      assertEquals(terraformEnvironment(tf, service, name), fromFile, name + " environment");
      Set<String> secrets = service.get("secrets").tuple().strings().stream()
          .map(s -> "SECRET_" + s).collect(Collectors.toCollection(TreeSet::new));
      JsonArray listed = entry.getJsonArray("secrets");
      assertEquals(secrets, new TreeSet<>(listed.getList()), name + " secrets");
    }
  }
}
