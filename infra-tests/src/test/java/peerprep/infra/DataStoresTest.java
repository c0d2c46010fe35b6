package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

class DataStoresTest {
  private final TerraformDir rds = Repo.module("rds");
  private final TerraformDir redis = Repo.module("elasticache");
  private final TerraformDir ecr = Repo.module("ecr");

  @Test
  @DisplayName("PostgreSQL is encrypted, private, backed up, TLS-only, with a multi-AZ switch")
  void postgres() {
    Block db = rds.resource("aws_db_instance", "this");
    assertEquals("postgres", db.attr("engine").string());
    assertTrue(db.attr("storage_encrypted").bool());
    assertEquals(false, db.attr("publicly_accessible").bool());
    assertEquals("var.multi_az", db.attr("multi_az").source());
    assertEquals("bool", rds.variables().get("multi_az").attr("type").source());
    assertEquals("var.backup_retention_days", db.attr("backup_retention_period").source());
    String validation = rds.variables().get("backup_retention_days").block("validation").attr("condition").source();
    assertTrue(validation.contains("var.backup_retention_days >= 1"), validation);
    assertEquals("var.deletion_protection", db.attr("deletion_protection").source());
    assertEquals("var.master_password", db.attr("password").source());
    assertTrue(rds.variables().get("master_password").attr("sensitive").bool());

    Block parameters = rds.resource("aws_db_parameter_group", "this");
    assertTrue(parameters.blocks("parameter").stream()
        .anyMatch(p -> p.attr("name").string().equals("rds.force_ssl")));
  }

  @Test
  @DisplayName("Prod keeps a standby database in the second zone and longer backups; dev does not")
  void multiAzPerEnvironment() {
    Environment prod = Repo.environment("prod");
    Environment dev = Repo.environment("dev");
    assertEquals("var.db_multi_az", prod.value("rds", "multi_az").source());
    assertEquals("var.db_multi_az", dev.value("rds", "multi_az").source());
    assertTrue(prod.root().variables().get("db_multi_az").attr("default").bool());
    assertEquals(false, dev.root().variables().get("db_multi_az").attr("default").bool());
    assertTrue(prod.value("rds", "deletion_protection").bool());
    assertEquals(false, prod.value("rds", "skip_final_snapshot").bool(), "prod keeps a final snapshot");
    assertTrue(prod.value("rds", "backup_retention_days").integer()
        > dev.value("rds", "backup_retention_days").integer());
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("One instance holds every service's database, each owned by the service's own role, created by a one-off task")
  void databases(String env) {
    Environment tf = Repo.environment(env);
    assertEquals("local.database_roles", tf.module("rds").attr("databases").source());
    assertEquals("module.secrets.database_password_arns", tf.module("rds").attr("role_password_secret_arns").source());
    assertEquals("module.secrets.db_password", tf.module("rds").attr("master_password").source());
    Expr.ObjectExpr container = EcsServiceModuleTest.container(rds.resource("aws_ecs_task_definition", "this"));
    boolean listsDatabases = container.get("environment").tuple().items().stream()
        .map(Expr::object)
        .anyMatch(v -> v.get("name").string().equals("DATABASES")
            && v.get("value").source().equals("join(\" \", [for db in sort(keys(var.databases)) : \"${db}:${var.databases[db]}\"])"));
    assertTrue(listsDatabases);
    String script = rds.local("bootstrap_script").source();
    for (String statement : List.of("CREATE ROLE %I LOGIN", "CREATE DATABASE %I OWNER %I", "ALTER DATABASE :\"db\" OWNER TO :\"role\"",
        "REVOKE ALL ON DATABASE :\"db\" FROM PUBLIC", "PASSWORD :'password'")) {
      assertTrue(script.contains(statement), "the bootstrap script lacks " + statement);
    }
    assertTrue(script.contains("pg_database"), "existing databases are left alone");
  }

  @Test
  @DisplayName("Redis is a replication group with encryption in transit and at rest and an AUTH token")
  void redis() {
    Block group = redis.resource("aws_elasticache_replication_group", "this");
    assertEquals("redis", group.attr("engine").string());
    assertTrue(group.attr("transit_encryption_enabled").bool());
    assertTrue(group.attr("at_rest_encryption_enabled").bool());
    assertEquals("var.auth_token", group.attr("auth_token").source());
    assertTrue(redis.variables().get("auth_token").attr("sensitive").bool());
    assertEquals("var.num_cache_clusters > 1", group.attr("automatic_failover_enabled").source());
    Expr url = redis.outputs().get("url").attr("value");
    assertTrue(((Expr.Template) url).content().startsWith("rediss://"), "clients connect with TLS");
    for (String env : Repo.ENVIRONMENTS) {
      assertEquals("module.secrets.redis_auth_token", Repo.environment(env).value("elasticache", "auth_token").source());
    }
    assertEquals(2, Repo.environment("prod").value("elasticache", "num_cache_clusters").integer());
  }

  @Test
  @DisplayName("Image repositories scan on push and expire old images")
  void repositories() {
    Block repository = ecr.resource("aws_ecr_repository", "this");
    assertEquals("var.repositories", repository.attr("for_each").source());
    assertTrue(repository.block("image_scanning_configuration").attr("scan_on_push").bool());
    Block lifecycle = ecr.resource("aws_ecr_lifecycle_policy", "this");
    assertEquals("var.repositories", lifecycle.attr("for_each").source());
    List<Expr> rules = HclParser.argument(lifecycle.attr("policy"), "jsonencode").object().get("rules").tuple().items();
    List<String> statuses = rules.stream()
        .map(rule -> rule.object().get("selection").object().get("tagStatus").string())
        .toList();
    assertEquals(List.of("untagged", "any"), statuses);
    rules.forEach(rule -> assertEquals("expire", rule.object().get("action").object().get("type").string()));
  }
}
