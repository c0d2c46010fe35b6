package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

/**
 * The execution service scales on its run queue and runs with a read-only root file system. It has no
 * IAM task role, so the queue reaches CloudWatch as a JSON log line that a log metric filter turns into
 * the metric a target-tracking policy follows; the log line's fields are read from the service's source.
 */
class ExecutionScalingTest {
  private final TerraformDir module = Repo.module("ecs-service");
  private final TerraformDir stack = Repo.module(Repo.STACK);

  private Expr.ObjectExpr executionQueue() {
    return stack.local("queue_scaling").object().get("execution-service").object();
  }

  @Test
  @DisplayName("The log metric filter reads the queue depth from the service's own JSON lines in its log group")
  void metricFilter() {
    Block filter = module.resource("aws_cloudwatch_log_metric_filter", "this");
    assertEquals("var.queue_scaling == null ? 0 : 1", HclParser.normalize(filter.attr("count").source()));
    assertEquals("var.log_group_name", filter.attr("log_group_name").source());
    String pattern = ((Expr.Template) filter.attr("pattern")).content();
    assertEquals("{ ($.message = \\\"${var.queue_scaling.log_message}\\\") && ($.service = \\\"${var.name}\\\") }", pattern);
    Block transformation = filter.block("metric_transformation");
    assertEquals("$.${var.queue_scaling.value_field}", ((Expr.Template) transformation.attr("value")).content());
    assertEquals("local.queue_metric_name", transformation.attr("name").source());
    assertEquals("local.queue_metric_namespace", transformation.attr("namespace").source());
  }

  @Test
  @DisplayName("A target-tracking policy follows the filter's metric, averaged over the tasks")
  void policy() {
    Block policy = module.resource("aws_appautoscaling_policy", "queue");
    assertEquals("TargetTrackingScaling", policy.attr("policy_type").string());
    assertEquals("aws_appautoscaling_target.this.resource_id", policy.attr("resource_id").source());
    Block tracking = policy.block("target_tracking_scaling_policy_configuration");
    assertEquals("var.queue_scaling.target", tracking.attr("target_value").source());
    Block metric = tracking.block("customized_metric_specification");
    assertEquals("local.queue_metric_name", metric.attr("metric_name").source());
    assertEquals("local.queue_metric_namespace", metric.attr("namespace").source());
    assertEquals("Average", metric.attr("statistic").string());
  }

  @Test
  @DisplayName("The stack scales the execution service on the 'queued' field of its 'run-queue' lines, as the service logs them")
  void stackMatchesTheService() throws IOException {
    Expr.ObjectExpr queue = executionQueue();
    String source = Files.readString(Repo.root().resolve("execution/src/main/java/peerprep/execution/QueueReport.java"));
    Matcher message = Pattern.compile("MESSAGE = \"([^\"]+)\"").matcher(source);
    assertTrue(message.find(), "QueueReport names its message");
    assertEquals(message.group(1), queue.get("log_message").string());
    assertTrue(source.contains("fields.put(\"" + queue.get("value_field").string() + "\""), "the line carries the value field");
    assertTrue(source.contains("fields.put(\"service\", \"execution-service\")"), "the line names its service");
    assertEquals(1, queue.get("target").integer());
    Block services = stack.module("services");
    assertEquals("try(local.queue_scaling[each.key], null)", HclParser.normalize(services.attr("queue_scaling").source()));
    assertEquals(List.of("execution-service"), List.copyOf(stack.local("queue_scaling").object().entries().keySet()));
  }

  @Test
  @DisplayName("The execution task's root file system is read-only; /tmp, where its run directories live, is a task volume")
  void readOnlyRoot() throws IOException {
    Expr.ObjectExpr container = EcsServiceModuleTest.container(module.resource("aws_ecs_task_definition", "this"));
    assertEquals("var.read_only_root_filesystem", container.get("readonlyRootFilesystem").source());
    assertEquals("[for path in var.writable_paths : { sourceVolume = \"scratch${replace(path, \"/\", \"-\")}\" containerPath = path readOnly = false }]",
        HclParser.normalize(container.get("mountPoints").source()));
    Block volume = module.resource("aws_ecs_task_definition", "this").block("dynamic");
    assertEquals("volume", volume.label(0));
    assertEquals("toset(var.writable_paths)", volume.attr("for_each").source());
    assertEquals("scratch${replace(volume.value, \"/\", \"-\")}", ((Expr.Template) volume.block("content").attr("name")).content());

    Block services = stack.module("services");
    assertEquals("contains(keys(local.writable_paths), each.key)",
        HclParser.normalize(services.attr("read_only_root_filesystem").source()));
    List<String> paths = stack.local("writable_paths").object().get("execution-service").tuple().strings();
    assertEquals(List.of("/tmp"), paths);
    String dockerfile = Files.readString(Repo.root().resolve("execution/Dockerfile"));
    Matcher runsDir = Pattern.compile("EXECUTION_RUNS_DIR=(\\S+)").matcher(dockerfile);
    assertTrue(runsDir.find(), "the image names its runs directory");
    assertTrue(paths.stream().anyMatch(p -> runsDir.group(1).startsWith(p + "/")),
        "the runs directory " + runsDir.group(1) + " is on a writable volume");
  }
}
