package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;

class NetworkTest {
  private final TerraformDir network = Repo.module("network");
  private final TerraformDir groups = Repo.module("security-groups");

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("The VPC spans two availability zones, tasks in private subnets, the load balancer in public ones")
  void twoZones(String env) {
    Environment tf = Repo.environment(env);
    assertEquals("slice(sort(data.aws_availability_zones.this.names), 0, 2)",
        tf.module("network").attr("availability_zones").source());
    assertEquals("module.network.public_subnet_ids", tf.module("alb").attr("subnet_ids").source());
    assertEquals("module.network.private_subnet_ids", tf.module("services").attr("subnet_ids").source());
    assertEquals("module.network.private_subnet_ids", tf.module("rds").attr("subnet_ids").source());
    assertEquals("module.network.private_subnet_ids", tf.module("elasticache").attr("subnet_ids").source());
  }

  @Test
  @DisplayName("Every zone gets a public and a private subnet, and private ones leave through NAT")
  void subnets() {
    assertTrue(network.variables().get("availability_zones").block("validation")
        .attr("condition").source().contains(">= 2"));
    assertEquals("local.zones", network.resource("aws_subnet", "public").attr("for_each").source());
    assertEquals("local.zones", network.resource("aws_subnet", "private").attr("for_each").source());
    assertEquals(false, network.resource("aws_subnet", "public").attr("map_public_ip_on_launch").bool());
    assertTrue(network.resource("aws_route", "private_nat").has("nat_gateway_id"));
    assertTrue(network.resource("aws_vpc", "this").attr("enable_dns_hostnames").bool(),
        "Cloud Map private DNS needs VPC DNS host names");
  }

  @Test
  @DisplayName("Only the load balancer accepts traffic from the internet, on 80 and 443")
  void internetIngress() {
    Map<String, Block> ingress = groups.resources("aws_vpc_security_group_ingress_rule");
    ingress.forEach((name, rule) -> {
      if (rule.has("cidr_ipv4")) {
        assertEquals("aws_security_group.alb.id", rule.attr("security_group_id").source(), name);
        assertTrue(List.of(80, 443).contains(rule.attr("from_port").integer()), name);
        assertEquals(rule.attr("from_port").source(), rule.attr("to_port").source(), name);
      }
    });
    groups.resources("aws_security_group").values().forEach(group -> {
      assertTrue(group.blocks("ingress").isEmpty(), group.describe() + " uses separate rule resources");
      assertTrue(group.blocks("egress").isEmpty(), group.describe() + " uses separate rule resources");
    });
  }

  @Test
  @DisplayName("PostgreSQL and Redis accept only the ECS tasks, on their own port")
  void dataStoreIngress() {
    Map<String, Block> ingress = groups.resources("aws_vpc_security_group_ingress_rule");
    for (String store : List.of("database", "redis")) {
      List<Block> rules = ingress.values().stream()
          .filter(r -> r.attr("security_group_id").source().equals("aws_security_group." + store + ".id"))
          .toList();
      assertEquals(1, rules.size(), store);
      Block rule = rules.get(0);
      assertEquals("aws_security_group.services.id", rule.attr("referenced_security_group_id").source(), store);
      assertEquals("var." + store + "_port", rule.attr("from_port").source());
    }
  }

  @Test
  @DisplayName("The tasks accept only the load balancer and each other")
  void serviceIngress() {
    groups.resources("aws_vpc_security_group_ingress_rule").forEach((name, rule) -> {
      if (rule.attr("security_group_id").source().equals("aws_security_group.services.id")) {
        assertTrue(rule.has("referenced_security_group_id"), name);
        assertTrue(List.of("aws_security_group.alb.id", "aws_security_group.services.id")
            .contains(rule.attr("referenced_security_group_id").source()), name);
      }
    });
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("The ECS cluster has Container Insights on")
  void containerInsights(String env) {
    TerraformDir cluster = Repo.module("ecs-cluster");
    Block setting = cluster.resource("aws_ecs_cluster", "this").block("setting");
    assertEquals("containerInsights", setting.attr("name").string());
    assertEquals("var.container_insights", setting.attr("value").source());
    assertTrue(cluster.variables().get("container_insights").block("validation")
        .attr("condition").source().contains("[\"enabled\", \"enhanced\"]"));
    assertEquals("enabled", Repo.environment(env).value("cluster", "container_insights").string());
  }

  @Test
  @DisplayName("Cloud Map gives every service an A record in the private namespace")
  void serviceDiscovery() {
    TerraformDir discovery = Repo.module("service-discovery");
    assertEquals("var.namespace",
        discovery.resource("aws_service_discovery_private_dns_namespace", "this").attr("name").source());
    Block service = discovery.resource("aws_service_discovery_service", "this");
    assertEquals("var.services", service.attr("for_each").source());
    assertEquals("each.key", service.attr("name").source());
    Block record = service.block("dns_config").block("dns_records");
    assertEquals("A", record.attr("type").string());
    Expr namespace = Repo.environment("prod").value("service_discovery", "namespace");
    assertEquals("local.namespace", namespace.source());
    assertEquals("peerprep-prod.local", Repo.env("prod").local("namespace").string());
  }
}
