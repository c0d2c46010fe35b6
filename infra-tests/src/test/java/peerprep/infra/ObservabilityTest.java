package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

class ObservabilityTest {
  private final TerraformDir observability = Repo.module("observability");

  @Test
  @DisplayName("Containers log to /ecs/peerprep-prod, which keeps events for a bounded time")
  void logGroup() {
    Environment prod = Repo.environment("prod");
    assertEquals("/ecs/peerprep-prod", prod.root().local("log_group").string());
    assertEquals("local.log_group", prod.value("observability", "log_group_name").source());
    Block group = observability.resource("aws_cloudwatch_log_group", "this");
    assertEquals("var.log_group_name", group.attr("name").source());
    assertEquals("var.log_retention_days", group.attr("retention_in_days").source());
    assertTrue(prod.value("observability", "log_retention_days").integer() >= 30);
  }

  @Test
  @DisplayName("Alarms watch 5xx, latency, and each service's CPU, memory and unhealthy hosts")
  void alarms() {
    Map<String, Block> alarms = observability.resources("aws_cloudwatch_metric_alarm");
    Set<String> metrics = alarms.values().stream().filter(a -> a.attr("metric_name") instanceof Expr.Literal)
        .map(a -> a.attr("metric_name").string()).collect(Collectors.toSet());
    assertEquals(Set.of("HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "TargetResponseTime",
        "CPUUtilization", "MemoryUtilization", "UnHealthyHostCount"), metrics);
    for (String perService : new String[] {"cpu", "memory", "unhealthy_hosts"}) {
      assertEquals("var.target_group_arn_suffixes", alarms.get(perService).attr("for_each").source(), perService);
    }
    alarms.values().forEach(alarm ->
        assertEquals("local.alarm_actions", alarm.attr("alarm_actions").source(), alarm.describe()));
    assertEquals("[aws_sns_topic.this.arn]", observability.local("alarm_actions").source());
  }

  @Test
  @DisplayName("A dashboard shows traffic, latency, per-service resources, health, the database and errors")
  void dashboard() {
    Block dashboard = observability.resource("aws_cloudwatch_dashboard", "this");
    Expr body = HclParser.argument(dashboard.attr("dashboard_body"), "jsonencode");
    Set<String> titles = body.object().get("widgets").tuple().items().stream()
        .map(w -> w.object().get("properties").object().get("title").string())
        .collect(Collectors.toSet());
    assertTrue(titles.containsAll(Set.of("Requests and errors", "Response time", "CPU by service",
        "Memory by service", "Healthy tasks by service", "Recent errors")), titles.toString());
  }

  @Test
  @DisplayName("RDS and every ElastiCache node have alarms on CPU, memory and connections; Redis also on replication lag and evictions")
  void dataStoreAlarms() {
    Map<String, Expr> database = observability.local("database_alarms").object().entries();
    assertEquals(Set.of("CPUUtilization", "FreeableMemory", "DatabaseConnections", "FreeStorageSpace"),
        database.values().stream().map(a -> a.object().get("metric").string()).collect(Collectors.toSet()));
    Map<String, Expr> cache = observability.local("cache_alarms").object().entries();
    assertEquals(Set.of("EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "CurrConnections", "ReplicationLag", "Evictions"),
        cache.values().stream().map(a -> a.object().get("metric").string()).collect(Collectors.toSet()));
    Block rds = observability.resource("aws_cloudwatch_metric_alarm", "database");
    assertEquals("{ DBInstanceIdentifier = var.database_instance_id }", rds.attr("dimensions").source());
    Block redis = observability.resource("aws_cloudwatch_metric_alarm", "cache");
    assertEquals("{ CacheClusterId = each.value.node }", redis.attr("dimensions").source());
    for (Block alarm : List.of(rds, redis)) {
      assertEquals("local.alarm_actions", alarm.attr("alarm_actions").source());
      assertEquals("local.alarm_actions", alarm.attr("ok_actions").source());
    }
    Environment prod = Repo.environment("prod");
    assertEquals("module.elasticache.replication_group_id", prod.stack().module("observability").attr("cache_replication_group_id").source());
    assertEquals("var.redis_num_cache_clusters", prod.stack().module("observability").attr("cache_node_count").source());
  }
}
