package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  @DisplayName("PostgreSQL accepts only the services with a database and the bootstrap task; Redis only the services that use it")
  void dataStoreIngress() {
    Map<String, Block> ingress = groups.resources("aws_vpc_security_group_ingress_rule");
    Block database = ingress.get("database_from_service");
    assertEquals("local.database_users", database.attr("for_each").source());
    assertEquals("aws_security_group.service[each.key].id", database.attr("referenced_security_group_id").source());
    assertEquals("var.database_port", database.attr("from_port").source());
    assertEquals("aws_security_group.bootstrap.id", ingress.get("database_from_bootstrap").attr("referenced_security_group_id").source());
    Block redis = ingress.get("redis_from_service");
    assertEquals("local.redis_users", redis.attr("for_each").source());
    assertEquals("var.redis_port", redis.attr("from_port").source());
    assertEquals("{ for name, service in var.services : name => service if service.database }", groups.local("database_users").source());
    assertEquals("{ for name, service in var.services : name => service if service.redis }", groups.local("redis_users").source());
    for (Map.Entry<String, Block> rule : ingress.entrySet()) {
      String target = rule.getValue().attr("security_group_id").source();
      if (target.equals("aws_security_group.database.id") || target.equals("aws_security_group.redis.id")) {
        assertTrue(List.of("database_from_service", "database_from_bootstrap", "redis_from_service").contains(rule.getKey()), rule.getKey());
      }
    }
  }

  @Test
  @DisplayName("Each service has its own security group, open only to the load balancer and the services that call it")
  void serviceIngress() {
    assertEquals("var.services", groups.resource("aws_security_group", "service").attr("for_each").source());
    Map<String, Block> ingress = groups.resources("aws_vpc_security_group_ingress_rule");
    List<String> intoServices = ingress.entrySet().stream()
        .filter(e -> e.getValue().attr("security_group_id").source().startsWith("aws_security_group.service["))
        .map(Map.Entry::getKey).sorted().toList();
    assertEquals(List.of("service_from_alb", "service_from_caller"), intoServices);
    assertEquals("aws_security_group.alb.id", ingress.get("service_from_alb").attr("referenced_security_group_id").source());
    assertEquals("local.calls", ingress.get("service_from_caller").attr("for_each").source());
    assertEquals("aws_security_group.service[each.value.caller].id",
        ingress.get("service_from_caller").attr("referenced_security_group_id").source());
    Environment prod = Repo.environment("prod");
    assertEquals("[module.security_groups.service_security_group_ids[each.key]]", prod.stack().module("services").attr("security_group_ids").source());
  }

  @Test
  @DisplayName("HTTPS leaves a service only for the VPC endpoints and the S3 gateway, which exist for ECR, Secrets Manager, CloudWatch Logs and S3")
  void httpsOnlyToEndpoints() {
    Map<String, Block> egress = groups.resources("aws_vpc_security_group_egress_rule");
    for (Map.Entry<String, Block> rule : egress.entrySet()) {
      Block value = rule.getValue();
      boolean https = value.attr("from_port").source().equals("443");
      boolean fromService = value.attr("security_group_id").source().startsWith("aws_security_group.service[");
      if (https && fromService) {
        assertFalse(value.has("cidr_ipv4"), rule.getKey() + " sends HTTPS to an address range");
        assertTrue(value.has("referenced_security_group_id") || value.has("prefix_list_id"), rule.getKey());
      }
    }
    assertEquals("var.endpoints_security_group_id", egress.get("service_to_endpoints").attr("referenced_security_group_id").source());
    assertEquals("var.s3_prefix_list_id", egress.get("service_to_s3").attr("prefix_list_id").source());
    TerraformDir network = Repo.module("network");
    assertEquals("toset([\"ecr.api\", \"ecr.dkr\", \"secretsmanager\", \"logs\"])", network.local("interface_endpoints").source());
    Block interfaces = network.resource("aws_vpc_endpoint", "interface");
    assertEquals("Interface", interfaces.attr("vpc_endpoint_type").string());
    assertTrue(interfaces.attr("private_dns_enabled").bool());
    Block s3 = network.resource("aws_vpc_endpoint", "s3");
    assertEquals("Gateway", s3.attr("vpc_endpoint_type").string());
    assertEquals("[for table in aws_route_table.private : table.id]", s3.attr("route_table_ids").source());
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
