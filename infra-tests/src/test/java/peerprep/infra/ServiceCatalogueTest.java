package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

/**
 * The one locals.services map, which lives in the composed module both environments call, and how
 * every per-service resource follows it.
 */
class ServiceCatalogueTest {

  static Expr.ObjectExpr services(String env) {
    return Repo.environment(env).local("services").object();
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("locals.services lists the seven services with their module, port and public prefix")
  void catalogue(String env) {
    Expr.ObjectExpr services = services(env);
    assertEquals(Expected.byName().keySet(), services.entries().keySet());
    for (Expected.Service expected : Expected.SERVICES) {
      Expr.ObjectExpr service = services.get(expected.name()).object();
      assertEquals(expected.module(), service.get("module").string(), expected.name());
      assertEquals(expected.port(), service.get("port").integer(), expected.name());
      assertEquals(expected.java() ? "java" : "nginx", service.get("runtime").string(), expected.name());
      if (expected.prefix() == null) {
        assertTrue(service.get("path_prefix").isNull(), expected.name() + " is the default route");
      } else {
        assertEquals(expected.prefix(), service.get("path_prefix").string(), expected.name());
      }
    }
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Cookie stickiness is on for exactly collaboration, chat and matching")
  void stickiness(String env) {
    Set<String> sticky = services(env).entries().entrySet().stream()
        .filter(e -> e.getValue().object().get("sticky").bool())
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    assertEquals(Set.of("collaboration-service", "chat-service", "matching-service"), sticky);
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Every Java service is health-checked on its liveness route /health/live, the web app's nginx on /health")
  void healthPaths(String env) {
    Expr.ObjectExpr services = services(env);
    for (Expected.Service expected : Expected.SERVICES) {
      String path = expected.name().equals("frontend") ? "/health" : "/health/live";
      assertEquals(path, services.get(expected.name()).object().get("health_path").string(), expected.name());
    }
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Each routed service has its own listener rule priority")
  void priorities(String env) {
    Set<Integer> seen = new HashSet<>();
    services(env).entries().forEach((name, value) -> {
      Expr.ObjectExpr service = value.object();
      if (service.get("path_prefix").isNull()) {
        assertTrue(service.get("priority").isNull(), name);
      } else {
        assertTrue(seen.add(service.get("priority").integer()), name + " shares a priority");
      }
    });
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("The database services own their database and are the ones whose migrations run")
  void databasesAndMigrations(String env) {
    Expr.ObjectExpr services = services(env);
    for (Expected.Service expected : Expected.SERVICES) {
      Expr.ObjectExpr service = services.get(expected.name()).object();
      if (expected.database() == null) {
        assertTrue(service.get("database").isNull(), expected.name());
      } else {
        assertEquals(expected.database(), service.get("database").string(), expected.name());
      }
      assertEquals(expected.database() != null, service.get("migrate").bool(), expected.name());
      assertEquals(expected.redis(), service.get("redis").bool(), expected.name());
    }
    String databases = HclParser.normalize(Repo.environment(env).local("databases").source());
    assertTrue(databases.contains("for name, service in local.services : service.database if service.database != null"),
        databases);
  }

  @Test
  @DisplayName("Prod and dev describe the same services the same way")
  void environmentsAgree() {
    assertEquals(services("prod").source(), services("dev").source());
    Environment prod = Repo.environment("prod");
    Environment dev = Repo.environment("dev");
    assertEquals(prod.stack().dir(), dev.stack().dir(), "both environments call the same composed module");
    for (Environment environment : List.of(prod, dev)) {
      assertFalse(environment.root().locals().containsKey("services"),
          environment.name() + " must not keep a services map of its own");
      assertTrue(environment.root().blocks("resource").isEmpty(),
          environment.name() + " creates its resources only through the composed module");
    }
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Every per-service resource is created from locals.services with for_each")
  void everythingFollowsTheMap(String env) {
    Environment environment = Repo.environment(env);
    TerraformDir tf = environment.stack();
    assertEquals("local.services", tf.module("services").attr("for_each").source());
    assertEquals("../ecs-service", tf.module("services").attr("source").string());
    assertEquals("toset(keys(local.services))", tf.module("service_discovery").attr("services").source());
    assertTrue(tf.module("alb").attr("services").source().contains("for name, service in local.services"));
    assertTrue(tf.module("iam").attr("execution_secret_arns").source().contains("for name, service in local.services"));
    assertEquals("module.alb.target_group_arn_suffixes",
        tf.module("observability").attr("target_group_arn_suffixes").source());
    assertTrue(tf.module("ecr").attr("repositories").source().contains("for name, service in local.services"));
    assertEquals("{ for name, service in local.services : name => service if !var.create_image_repositories }",
        HclParser.normalize(tf.data("aws_ecr_repository").get("this").attr("for_each").source()));
    assertEquals("sort(keys(local.services))", tf.outputs().get("service_names").attr("value").source());
    if (env.equals("prod")) {
      assertTrue(environment.input("create_image_repositories").bool());
      Block imports = environment.root().blocks("import").get(0);
      assertEquals("toset(module.stack.service_names)", imports.attr("for_each").source());
    } else {
      assertFalse(environment.input("create_image_repositories").bool());
      assertTrue(environment.root().blocks("import").isEmpty(), "dev adopts no image repository");
    }
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Each service instance is wired to its own image, target group, Cloud Map record and role")
  void perServiceWiring(String env) {
    Block services = Repo.environment(env).module("services");
    Map<String, String> expected = Map.of(
        "name", "each.key",
        "target_group_arn", "module.alb.target_group_arns[each.key]",
        "target_group_arn_suffix", "module.alb.target_group_arn_suffixes[each.key]",
        "service_registry_arn", "module.service_discovery.service_arns[each.key]",
        "execution_role_arn", "module.iam.execution_role_arns[each.key]",
        "container_port", "each.value.port",
        "log_group_name", "module.observability.log_group_name",
        "subnet_ids", "module.network.private_subnet_ids",
        "image_tag", "var.image_tag");
    List<String> problems = new ArrayList<>();
    expected.forEach((attribute, value) -> {
      if (!services.attr(attribute).source().equals(value)) {
        problems.add(attribute + " = " + services.attr(attribute).source());
      }
    });
    assertTrue(problems.isEmpty(), problems.toString());
    assertEquals("local.image_repository_urls[\"peerprep/${each.key}\"]", services.attr("image").source());
    assertTrue(services.attr("depends_on").source().contains("module.alb"),
        "target groups are attached to the load balancer before the services register");
  }

  @Test
  @DisplayName("Prod runs at least two tasks of every service")
  void twoTasksInProd() {
    Environment environment = Repo.environment("prod");
    TerraformDir prod = environment.root();
    assertEquals(2, prod.variables().get("min_tasks").attr("default").integer());
    assertEquals("var.min_tasks", environment.value("services", "desired_count").source());
    assertEquals("var.min_tasks", environment.value("services", "min_capacity").source());
    assertEquals("var.max_tasks", environment.value("services", "max_capacity").source());
    assertEquals("FARGATE", environment.value("services", "capacity_provider").string());
    assertTrue(prod.variables().get("max_tasks").attr("default").integer() > 2);
  }

  @Test
  @DisplayName("Image repositories are named peerprep/<service>")
  void repositories() {
    Environment environment = Repo.environment("prod");
    assertEquals("toset([for name, service in local.services : \"peerprep/${name}\" if var.create_image_repositories])",
        environment.module("ecr").attr("repositories").source());
    assertTrue(environment.input("create_image_repositories").bool());
    assertEquals("\"peerprep/${each.key}\"",
        environment.stack().data("aws_ecr_repository").get("this").attr("name").source());
    String urls = HclParser.normalize(environment.local("image_repository_urls").source());
    assertTrue(urls.contains("module.ecr.repository_urls"), urls);
    assertTrue(urls.contains("data.aws_ecr_repository.this : repository.name => repository.repository_url"), urls);
    Block imports = environment.root().blocks("import").get(0);
    assertEquals("module.stack.module.ecr.aws_ecr_repository.this[\"peerprep/${each.key}\"]", imports.attr("to").source());
    assertEquals("\"peerprep/${each.key}\"", imports.attr("id").source());
    Set<String> expected = new TreeSet<>(Expected.byName().keySet());
    assertEquals(expected, new TreeSet<>(services("prod").entries().keySet()));
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("The frontend's nginx gets every backend's Cloud Map host and port, nothing secret")
  void frontendUpstreams(String env) {
    Environment environment = Repo.environment(env);
    TerraformDir tf = environment.stack();
    String upstreams = HclParser.normalize(tf.local("upstream_environment").source());
    assertTrue(upstreams.contains("_SERVICE_HOST\" => \"${name}.${var.namespace}\" if service.runtime == \"java\""),
        upstreams);
    assertTrue(upstreams.contains("_SERVICE_PORT\" => tostring(service.port) if service.runtime == \"java\""),
        upstreams);
    assertTrue(upstreams.contains("_SERVICE_UPSTREAM\" => \"${name}.${var.namespace}:${service.port}\""),
        upstreams);
    assertTrue(upstreams.contains("NGINX_RESOLVER = \"169.254.169.253\""), "nginx resolves through the VPC DNS");
    assertEquals("local.upstream_environment",
        tf.local("service_environment").object().get("frontend").source());
    assertFalse(services(env).get("frontend").object().get("secrets").tuple().items().iterator().hasNext());
    assertEquals("local.namespace", environment.input("namespace").source());
    assertEquals("peerprep-" + env + ".local", environment.root().local("namespace").string());
  }
}
