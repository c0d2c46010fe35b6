package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

class ReleaseTasksTest {
  private final TerraformDir stack = Repo.module("stack");

  @Test
  @DisplayName("No ECS service is created or updated before the release tasks (databases, roles, migrations) succeeded")
  void servicesWaitForTheReleaseTasks() {
    String dependsOn = stack.module("services").attr("depends_on").source();
    assertTrue(dependsOn.contains("terraform_data.this"), "module.services depends_on " + dependsOn);
    Block release = stack.resource("terraform_data", "this");
    assertEquals("local.release_tasks", release.attr("triggers_replace").source());
    assertEquals("local.release_command", release.block("provisioner").attr("command").source());
    assertEquals("local-exec", release.block("provisioner").label(0));
  }

  @Test
  @DisplayName("The release runs the database bootstrap first, then each migrating service's migration task with the release's image")
  void releaseOrder() {
    String tasks = HclParser.normalize(stack.local("release_tasks").source());
    int bootstrap = tasks.indexOf("module.rds.create_databases_task_definition_arn},create-databases,${module.security_groups.bootstrap_security_group_id}");
    int migrations = tasks.indexOf("aws_ecs_task_definition.this[name].arn},${name},${module.security_groups.service_security_group_ids[name]}");
    assertTrue(bootstrap > 0 && migrations > bootstrap, tasks);
    assertTrue(tasks.contains("sort(keys(local.migrating))"), tasks);
    assertEquals("{ for name, service in local.services : name => service if service.migrate }",
        HclParser.normalize(stack.local("migrating").source()));
    String command = HclParser.normalize(stack.local("release_command").source());
    assertTrue(command.contains("\"${path.module}/../../../deploy/03-run-migrations.sh\""), command);
    assertTrue(Files.isRegularFile(Repo.terraform().resolve("modules/stack/../../../deploy/03-run-migrations.sh").normalize()),
        "the command's script exists");
    assertTrue(command.contains("[\"--subnets\", join(\",\", module.network.private_subnet_ids)]"), command);

    Expr.ObjectExpr container = container(stack.resource("aws_ecs_task_definition", "this"));
    assertEquals("[\"migrate\"]", container.get("command").source());
    assertEquals("\"${local.image_repository_urls[\"peerprep/${each.key}\"]}:${var.image_tag}\"", container.get("image").source());
    assertEquals("local.migrating", stack.resource("aws_ecs_task_definition", "this").attr("for_each").source());
  }

  @Test
  @DisplayName("A service connects to PostgreSQL as its own role, never as the master user")
  void servicesUseTheirOwnRole() {
    assertFalse(stack.local("database_environment").object().entries().containsKey("DB_USER"), "a shared DB_USER");
    assertEquals("{ for name, service in local.services : service.database => replace(name, \"-\", \"_\") if service.database != null }",
        HclParser.normalize(stack.local("database_roles").source()));
    String environment = HclParser.normalize(stack.module("services").attr("environment").source());
    assertTrue(environment.contains("DB_USER = local.database_roles[each.value.database]"), environment);
    assertEquals("toset(values(local.database_roles))", stack.module("secrets").attr("database_roles").source());
    assertTrue(stack.module("iam").attr("execution_secret_arns").source().contains("values(local.service_secret_arns[name])"));
    assertFalse(HclParser.normalize(stack.local("secret_arns").source()).contains("db-password"),
        "the master password is no service's secret");
  }

  @Test
  @DisplayName("Every SECRET_* reaches a container only through secrets/valueFrom, in every task definition")
  void secretsOnlyThroughValueFrom() throws IOException {
    Pattern plain = Pattern.compile("\\{\\s*name\\s*=\\s*\"(SECRET_[A-Z_]+|[A-Z_]*PASSWORD[A-Z_]*)\"\\s*,\\s*value\\s*=");
    Pattern secret = Pattern.compile("\\{\\s*name\\s*=\\s*\"(SECRET_[A-Z_]+|[A-Z_]*PASSWORD[A-Z_${}a-z]*)\"\\s*,\\s*(\\w+)\\s*=");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(Repo.terraform())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
        String text = Files.readString(file);
        Matcher m = plain.matcher(text);
        while (m.find()) {
          problems.add(file + ": " + m.group(1) + " set as a plain value");
        }
        Matcher s = secret.matcher(text);
        while (s.find()) {
          checked++;
          if (!s.group(2).equals("valueFrom")) {
            problems.add(file + ": " + s.group(1) + " set through " + s.group(2));
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(checked >= 3, "found only " + checked + " secret entries; the pattern no longer matches the task definitions");
    String services = HclParser.normalize(Repo.module("ecs-service").resource("aws_ecs_task_definition", "this").attr("container_definitions").source());
    assertTrue(services.contains("secrets = [for key in sort(keys(var.secrets)) : { name = key, valueFrom = var.secrets[key] }]"), services);
    assertTrue(HclParser.normalize(Repo.module("ecs-service").variables().get("environment").block("validation").attr("condition").source())
        .contains("!startswith(key, \"SECRET_\")"));
  }

  @Test
  @DisplayName("The web image runs nginx as a non-root user on the port its task, target group and compose files use")
  void webImageIsNonRoot() throws IOException {
    String dockerfile = Files.readString(Repo.root().resolve("web/Dockerfile"));
    String stage = dockerfile.substring(dockerfile.indexOf("AS nginx"));
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(stage);
    assertTrue(user.find(), "the nginx stage sets no USER");
    assertFalse(List.of("root", "0").contains(user.group(1)), "USER " + user.group(1));
    Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)").matcher(stage);
    assertTrue(expose.find());
    int port = Integer.parseInt(expose.group(1));
    assertTrue(port >= 1024, "an unprivileged user cannot bind " + port);
    assertTrue(stage.contains("NGINX_PORT=" + port), "the image's NGINX_PORT is not " + port);

    Expr.ObjectExpr frontend = stack.local("services").object().get("frontend").object();
    assertEquals(port, frontend.get("port").integer(), "the task's container port (and so its target group and security group)");
    assertEquals("\"" + port + "\"", stack.local("upstream_environment").source().replaceAll("(?s).*NGINX_PORT\\s*=\\s*(\"\\d+\").*", "$1"));
    for (String compose : List.of("web/docker-compose.yml", "docker-compose.prod.yml")) {
      String text = Files.readString(Repo.root().resolve(compose));
      assertTrue(text.contains("NGINX_PORT: \"" + port + "\""), compose);
      assertTrue(text.contains(":80:" + port + "'"), compose + " publishes port 80 to the container's " + port);
    }
  }

  private static Expr.ObjectExpr container(Block task) {
    return HclParser.argument(task.attr("container_definitions"), "jsonencode").tuple().items().get(0).object();
  }
}
