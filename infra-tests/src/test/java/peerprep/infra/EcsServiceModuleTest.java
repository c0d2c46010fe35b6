package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

/** The module every service is an instance of. */
class EcsServiceModuleTest {
  private final TerraformDir module = Repo.module("ecs-service");

  @Test
  @DisplayName("The task definition runs one Fargate container on the service's port, logging to CloudWatch")
  void taskDefinition() {
    Block task = module.resource("aws_ecs_task_definition", "this");
    assertEquals("[\"FARGATE\"]", task.attr("requires_compatibilities").source());
    assertEquals("awsvpc", task.attr("network_mode").string());
    assertEquals("X86_64", task.block("runtime_platform").attr("cpu_architecture").string());

    Expr.ObjectExpr container = container(task);
    assertEquals("var.name", container.get("name").source());
    assertEquals("${var.image}:${var.image_tag}", ((Expr.Template) container.get("image")).content());
    Expr.ObjectExpr port = container.get("portMappings").tuple().items().get(0).object();
    assertEquals("var.container_port", port.get("containerPort").source());
    Expr.ObjectExpr logs = container.get("logConfiguration").object();
    assertEquals("awslogs", logs.get("logDriver").string());
    assertEquals("var.log_group_name", logs.get("options").object().get("awslogs-group").source());
  }

  @Test
  @DisplayName("Secrets reach the container only through the task definition's secrets block")
  void secretsBlock() {
    Expr.ObjectExpr container = container(module.resource("aws_ecs_task_definition", "this"));
    assertEquals("[for key in sort(keys(var.secrets)) : { name = key, valueFrom = var.secrets[key] }]",
        HclParser.normalize(container.get("secrets").source()));
    assertEquals("[for key in sort(keys(var.environment)) : { name = key, value = var.environment[key] }]",
        HclParser.normalize(container.get("environment").source()));

    Block environment = module.variables().get("environment");
    assertEquals("map(string)", environment.attr("type").source());
    assertEquals("alltrue([for key in keys(var.environment) : !startswith(key, \"SECRET_\")])",
        HclParser.normalize(environment.block("validation").attr("condition").source()));
    Block secrets = module.variables().get("secrets");
    assertEquals("alltrue([for key in keys(var.secrets) : startswith(key, \"SECRET_\")])",
        HclParser.normalize(secrets.block("validation").attr("condition").source()));
  }

  @Test
  @DisplayName("The service keeps two tasks and rolls out 50%/200% with the circuit breaker rolling back")
  void rollingDeploys() {
    Block service = module.resource("aws_ecs_service", "this");
    assertEquals("aws_ecs_task_definition.this.arn", service.attr("task_definition").source());
    assertEquals("var.desired_count", service.attr("desired_count").source());
    assertEquals(2, module.variables().get("desired_count").attr("default").integer());
    assertEquals(50, service.attr("deployment_minimum_healthy_percent").integer());
    assertEquals(200, service.attr("deployment_maximum_percent").integer());
    assertEquals("ECS", service.block("deployment_controller").attr("type").string());
    Block breaker = service.block("deployment_circuit_breaker");
    assertTrue(breaker.attr("enable").bool());
    assertTrue(breaker.attr("rollback").bool());
    assertEquals("[desired_count]", service.block("lifecycle").attr("ignore_changes").source());
  }

  @Test
  @DisplayName("Tasks run in private subnets, behind the target group and in Cloud Map")
  void networking() {
    Block service = module.resource("aws_ecs_service", "this");
    Block network = service.block("network_configuration");
    assertEquals(false, network.attr("assign_public_ip").bool());
    assertEquals("var.subnet_ids", network.attr("subnets").source());
    Block lb = service.block("load_balancer");
    assertEquals("var.target_group_arn", lb.attr("target_group_arn").source());
    assertEquals("var.name", lb.attr("container_name").source());
    assertEquals("var.container_port", lb.attr("container_port").source());
    assertEquals("var.service_registry_arn", service.block("service_registries").attr("registry_arn").source());
    assertTrue(service.has("health_check_grace_period_seconds"));
    assertEquals("var.capacity_provider",
        service.block("capacity_provider_strategy").attr("capacity_provider").source());
  }

  @Test
  @DisplayName("Autoscaling tracks CPU, memory and load balancer requests per target")
  void autoscaling() {
    Block target = module.resource("aws_appautoscaling_target", "this");
    assertEquals("ecs:service:DesiredCount", target.attr("scalable_dimension").string());
    assertEquals("var.min_capacity", target.attr("min_capacity").source());
    assertEquals("var.max_capacity", target.attr("max_capacity").source());
    assertEquals(2, module.variables().get("min_capacity").attr("default").integer());

    Map<String, Block> policies = module.resources("aws_appautoscaling_policy");
    Set<String> metrics = policies.values().stream()
        .filter(p -> p.block("target_tracking_scaling_policy_configuration").blocks("predefined_metric_specification").size() == 1)
        .peek(p -> assertEquals("TargetTrackingScaling", p.attr("policy_type").string()))
        .peek(p -> assertEquals("aws_appautoscaling_target.this.resource_id", p.attr("resource_id").source()))
        .map(p -> p.block("target_tracking_scaling_policy_configuration")
            .block("predefined_metric_specification").attr("predefined_metric_type").string())
        .collect(Collectors.toSet());
    assertEquals(Set.of("ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization",
        "ALBRequestCountPerTarget"), metrics);

    Expr label = policies.get("requests").block("target_tracking_scaling_policy_configuration")
        .block("predefined_metric_specification").attr("resource_label");
    assertEquals("${var.load_balancer_arn_suffix}/${var.target_group_arn_suffix}",
        ((Expr.Template) label).content());
  }

  static Expr.ObjectExpr container(Block task) {
    Expr definitions = HclParser.argument(task.attr("container_definitions"), "jsonencode");
    assertEquals(1, definitions.tuple().items().size());
    return definitions.tuple().items().get(0).object();
  }
}
