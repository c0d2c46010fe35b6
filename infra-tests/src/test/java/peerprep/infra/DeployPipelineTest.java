package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;

class DeployPipelineTest {
  private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");
  private static final int STS_DEFAULT_MAX_SESSION = 3600;

  @Test
  @DisplayName("The session the deploy job asks for fits the deploy role's maximum session duration")
  void deploySessionFitsTheRole() {
    Map<String, Object> credentials = Workflow.load("deploy.yml").uses("deploy", "aws-actions/configure-aws-credentials").get(0);
    @SuppressWarnings("unchecked")
    Object asked = ((Map<String, Object>) credentials.get("with")).getOrDefault("role-duration-seconds", STS_DEFAULT_MAX_SESSION);
    int requested = Integer.parseInt(asked.toString());
    int maximum = deployRoleMaxSession();
    assertTrue(requested <= maximum, "deploy.yml asks for " + requested + " s, the deploy role allows " + maximum + " s");
    assertTrue(requested >= 3600, "the deploy job runs up to 90 minutes; an hour is the least it should ask for");
  }

  /** max_session_duration of the github_deploy role, following var.* to its default and the stack's argument. */
  private static int deployRoleMaxSession() {
    TerraformDir iam = Repo.module("iam");
    Block role = iam.resource("aws_iam_role", "github_deploy");
    if (!role.has("max_session_duration")) {
      return STS_DEFAULT_MAX_SESSION;
    }
    String source = role.attr("max_session_duration").source();
    if (!source.startsWith("var.")) {
      return role.attr("max_session_duration").integer();
    }
    String variable = source.substring(4);
    Block call = Repo.module("stack").module("iam");
    if (call.has(variable)) {
      return call.attr(variable).integer();
    }
    return iam.variables().get(variable).attr("default").integer();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ci.yml", "deploy.yml"})
  @DisplayName("Every action is pinned to a full commit SHA")
  void actionsArePinnedBySha(String workflow) {
    List<String> unpinned = Workflow.load(workflow).allUses().stream().filter(u -> !PINNED.matcher(u).matches()).toList();
    assertTrue(unpinned.isEmpty(), workflow + " uses actions by tag: " + unpinned);
  }

  @Test
  @DisplayName("The plan job keeps its plan as an artifact and the deploy job applies exactly that plan, never a new one")
  void deployAppliesTheReviewedPlan() {
    Workflow deploy = Workflow.load("deploy.yml");
    assertTrue(deploy.runs("plan").stream().anyMatch(r -> r.contains("02-deploy-infrastructure.sh --plan-only")));
    @SuppressWarnings("unchecked")
    Map<String, Object> upload = (Map<String, Object>) deploy.uses("plan", "actions/upload-artifact").get(0).get("with");
    assertTrue(upload.get("path").toString().contains("terraform/envs/prod/tfplan"), "the plan job uploads " + upload.get("path"));
    @SuppressWarnings("unchecked")
    Map<String, Object> download = (Map<String, Object>) deploy.uses("deploy", "actions/download-artifact").get(0).get("with");
    assertEquals(upload.get("name"), download.get("name"));
    assertEquals("terraform/envs/prod", download.get("path"));

    List<String> runs = deploy.runs("deploy");
    List<String> infrastructure = runs.stream().filter(r -> r.contains("02-deploy-infrastructure.sh")).toList();
    assertEquals(List.of("bash deploy/02-deploy-infrastructure.sh --apply-plan tfplan --auto-approve"), infrastructure);
    assertFalse(runs.stream().anyMatch(r -> r.contains("terraform") && r.contains(" plan")), "the deploy job plans again: " + runs);
  }

  @Test
  @DisplayName("The deploy workflow rolls the services out once: no forced second rollout and no separate migration step")
  void deployRollsOutOnce() {
    List<String> runs = Workflow.load("deploy.yml").runs("deploy");
    assertFalse(runs.stream().anyMatch(r -> r.contains("05-force-service-update.sh")), "runs: " + runs);
    assertFalse(runs.stream().anyMatch(r -> r.contains("03-run-migrations.sh")), "migrations run inside the apply: " + runs);
    assertTrue(runs.get(runs.size() - 1).contains("04-verify-deployment.sh"));
  }

  @Test
  @DisplayName("The plan job runs without an environment, so its token's subject names the branch the plan role trusts")
  void planJobCarriesTheBranch() {
    Map<String, Object> plan = Workflow.load("deploy.yml").job("plan");
    assertFalse(plan.containsKey("environment"), "a job with an environment gets a token without the branch");
    assertTrue(plan.get("if").toString().contains("github.ref == 'refs/heads/main'"));
    assertTrue(Workflow.load("deploy.yml").runs("plan").stream().anyMatch(r -> r.contains("--no-refresh")),
        "the plan role may not read secret values, so the plan must not refresh them");
  }

  @Test
  @DisplayName("Trivy fails the image build on HIGH and CRITICAL findings, ignoring only the reviewed .trivyignore")
  void trivyGatesHighAndCritical() throws IOException {
    Map<String, Object> scan = Workflow.load("ci.yml").uses("images", "aquasecurity/trivy-action").get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> with = (Map<String, Object>) scan.get("with");
    assertEquals("HIGH,CRITICAL", with.get("severity"));
    assertEquals("1", with.get("exit-code").toString());
    assertEquals(".trivyignore", with.get("trivyignores"));

    Path ignore = Repo.root().resolve(".trivyignore");
    assertTrue(Files.isRegularFile(ignore), "no .trivyignore at the repository root");
    List<String> lines = Files.readAllLines(ignore);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      assertTrue(line.matches("(CVE-\\d{4}-\\d+|GHSA-[\\w-]+) exp:\\d{4}-\\d{2}-\\d{2}"),
          ".trivyignore:" + (i + 1) + " must be an ID with an expiry date: " + line);
      assertTrue(i > 0 && lines.get(i - 1).trim().startsWith("#"), ".trivyignore:" + (i + 1) + " needs a comment saying why");
    }
  }

  @Test
  @DisplayName("Only workflows of main may assume the plan role; the deploy role only through the production environment")
  void planRoleTrustsOnlyMain() {
    Block subjects = Repo.module("iam").data("aws_iam_policy_document").get("github_assume");
    String forEach = subjects.attr("for_each").source();
    assertTrue(forEach.contains("plan   = \"repo:${var.github_repository}:ref:refs/heads/main\""), forEach);
    assertTrue(forEach.contains("deploy = \"repo:${var.github_repository}:environment:${var.github_deploy_environment}\""), forEach);
    assertFalse(forEach.contains("production-plan") || forEach.contains("github_plan_environment"), forEach);
  }

  @Test
  @DisplayName("The plan role writes only the state's lock file and reads no secret value")
  void planRoleWritesOnlyTheLock() {
    TerraformDir iam = Repo.module("iam");
    for (Block statement : iam.data("aws_iam_policy_document").get("plan_state").blocks("statement")) {
      List<String> actions = statement.attr("actions").tuple().strings();
      String resources = statement.attr("resources").source();
      boolean deny = statement.has("effect") && statement.attr("effect").string().equals("Deny");
      if (deny) {
        continue;
      }
      assertFalse(actions.stream().anyMatch(a -> a.startsWith("secretsmanager:")), "plan role reads secrets: " + actions);
      if (actions.contains("s3:PutObject") || actions.contains("s3:DeleteObject")) {
        assertEquals("[\"${local.state_bucket_arn}/${var.state_key}.tflock\"]", resources, "plan role writes beyond the lock file");
      }
    }
    assertTrue(iam.data("aws_iam_policy_document").get("plan_state").blocks("statement").stream()
        .anyMatch(s -> s.has("effect") && s.attr("effect").string().equals("Deny")
            && s.attr("actions").tuple().strings().contains("secretsmanager:GetSecretValue")),
        "the plan role should be denied secret values explicitly (ReadOnlyAccess may grow)");
    String key = Repo.module("stack").module("iam").attr("state_key").source();
    assertEquals("\"peerprep/${trimprefix(var.name, \"peerprep-\")}/terraform.tfstate\"", key,
        "the key 02-deploy-infrastructure.sh gives terraform init");
  }

  @Test
  @DisplayName("The deploy role has a policy scoped to the pipeline's services instead of AdministratorAccess, and cannot change the GitHub roles")
  void deployRoleIsScoped() {
    TerraformDir iam = Repo.module("iam");
    String all = iam.blocks("resource").toString() + iam.variables().toString();
    assertFalse(all.contains("AdministratorAccess"), "the deploy role must not be an administrator");
    Block policy = iam.resource("aws_iam_role_policy", "github_deploy");
    assertEquals("data.aws_iam_policy_document.deploy.json", policy.attr("policy").source());
    List<Block> statements = iam.data("aws_iam_policy_document").get("deploy").blocks("statement");
    for (Block statement : statements) {
      if (statement.has("actions")) {
        assertFalse(statement.attr("actions").tuple().strings().contains("*"), "an action wildcard for every service");
        assertFalse(statement.attr("actions").tuple().strings().contains("iam:*"), "unscoped IAM");
      }
    }
    Block deny = statements.stream().filter(s -> s.has("effect") && s.attr("effect").string().equals("Deny")).findFirst().orElseThrow();
    assertTrue(deny.attr("resources").source().contains("role/${var.name}-github-*"), deny.attr("resources").source());
    Expr passRole = statements.stream().filter(s -> s.has("actions") && s.attr("actions").tuple().strings().equals(List.of("iam:PassRole")))
        .findFirst().orElseThrow().block("condition").attr("values");
    assertEquals(List.of("ecs-tasks.amazonaws.com"), passRole.tuple().strings());
  }

  @Test
  @DisplayName("The HTTPS listener sends HSTS and the load balancer writes access logs to its own private bucket")
  void edgeHardening() {
    TerraformDir alb = Repo.module("alb");
    Block https = alb.resource("aws_lb_listener", "https");
    assertEquals("var.hsts_header", https.attr("routing_http_response_strict_transport_security_header_value").source());
    assertTrue(alb.variables().get("hsts_header").attr("default").string().matches("max-age=(\\d{8,});.*"),
        "HSTS for at least a year");
    Block logs = alb.resource("aws_lb", "this").block("access_logs");
    assertEquals("aws_s3_bucket.this.id", logs.attr("bucket").source());
    assertTrue(logs.attr("enabled").bool());
    assertNotNull(alb.resource("aws_s3_bucket_policy", "this"));
    assertTrue(alb.resource("aws_s3_bucket_public_access_block", "this").attr("block_public_policy").bool());
  }
}
