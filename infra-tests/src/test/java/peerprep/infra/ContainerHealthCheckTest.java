package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;

/** ECS replaces a task whose container check fails: that check must be liveness, never readiness. */
class ContainerHealthCheckTest {

  @Test
  @DisplayName("The container health check requests the liveness path on the container port, which defaults to /health/live")
  void containerCheck() {
    TerraformDir module = Repo.module("ecs-service");
    Block task = module.resource("aws_ecs_task_definition", "this");
    Expr.ObjectExpr container = EcsServiceModuleTest.container(task);
    Expr.ObjectExpr check = container.get("healthCheck").object();
    String command = check.get("command").source();
    assertTrue(command.contains("http://127.0.0.1:${var.container_port}${var.health_path}"), command);
    assertEquals("/health/live", module.variables().get("health_path").attr("default").string());
    assertEquals("each.value.health_path", Repo.module("stack").module("services").attr("health_path").source());
  }
}
