package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;

class AlbTest {
  private final TerraformDir alb = Repo.module("alb");

  @Test
  @DisplayName("Each service has an IP target group health-checked on its health path")
  void targetGroups() {
    Block group = alb.resource("aws_lb_target_group", "this");
    assertEquals("var.services", group.attr("for_each").source());
    assertEquals("ip", group.attr("target_type").string());
    assertEquals("each.value.port", group.attr("port").source());
    Block health = group.block("health_check");
    assertEquals("each.value.health_path", health.attr("path").source());
    assertEquals("200", health.attr("matcher").string());
  }

  @Test
  @DisplayName("Target groups use load balancer cookies exactly where the service is sticky")
  void stickiness() {
    Block stickiness = alb.resource("aws_lb_target_group", "this").block("stickiness");
    assertEquals("lb_cookie", stickiness.attr("type").string());
    assertEquals("each.value.sticky", stickiness.attr("enabled").source());
  }

  @Test
  @DisplayName("HTTPS serves the certificate variable; HTTP redirects to HTTPS")
  void listeners() {
    Block https = alb.resource("aws_lb_listener", "https");
    assertEquals(443, https.attr("port").integer());
    assertEquals("HTTPS", https.attr("protocol").string());
    assertEquals("var.certificate_arn", https.attr("certificate_arn").source());
    assertTrue(alb.variables().get("ssl_policy").attr("default").string().contains("TLS13"));
    Block forward = https.block("default_action");
    assertEquals("forward", forward.attr("type").string());
    assertEquals("aws_lb_target_group.this[var.default_service].arn", forward.attr("target_group_arn").source());

    Block http = alb.resource("aws_lb_listener", "http");
    assertEquals(80, http.attr("port").integer());
    Block redirect = http.block("default_action").block("redirect");
    assertEquals("HTTPS", redirect.attr("protocol").string());
    assertEquals("443", redirect.attr("port").string());
    assertEquals("HTTP_301", redirect.attr("status_code").string());
  }

  @ParameterizedTest(name = "envs/{0}")
  @MethodSource("peerprep.infra.Repo#environments")
  @DisplayName("Each environment needs a certificate, sends the rest to the web app and keeps idle WebSockets open")
  void environmentSettings(String env) {
    Environment environment = Repo.environment(env);
    TerraformDir tf = environment.root();
    assertTrue(!tf.variables().get("certificate_arn").has("default"), "the certificate has no default");
    assertTrue(!environment.stack().variables().get("certificate_arn").has("default"),
        "the composed module's certificate has no default");
    assertEquals("var.certificate_arn", environment.value("alb", "certificate_arn").source());
    assertEquals("frontend", environment.value("alb", "default_service").string());
    assertTrue(environment.value("alb", "idle_timeout").integer() >= 900, "idle timeout fits quiet WebSocket sessions");
    assertTrue(alb.resource("aws_lb", "this").attr("drop_invalid_header_fields").bool());
  }

  @Test
  @DisplayName("/internal/ paths get a 404 from a rule evaluated before every service rule")
  void internalRule() {
    Block rule = alb.resource("aws_lb_listener_rule", "internal");
    assertEquals(1, rule.attr("priority").integer());
    Block action = rule.block("action");
    assertEquals("fixed-response", action.attr("type").string());
    assertEquals("404", action.block("fixed_response").attr("status_code").string());
    List<String> patterns = rule.block("condition").block("path_pattern").attr("values").tuple().strings();
    assertTrue(patterns.contains("*/internal/*"), patterns.toString());
    assertTrue(patterns.contains("/internal/*"), patterns.toString());
    for (String env : Repo.ENVIRONMENTS) {
      ServiceCatalogueTest.services(env).entries().forEach((name, service) -> {
        Expr priority = service.object().get("priority");
        if (!priority.isNull()) {
          assertTrue(priority.integer() > 1, env + ": " + name + " must come after the /internal/ rule");
        }
      });
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/, frontend",
      "/login, frontend",
      "/assets/app.js, frontend",
      "/user-service-api/auth/login, user-service",
      "/user-service-api, user-service",
      "/question-service-api/questions, question-service",
      "/matching-service-api/ws, matching-service",
      "/history-service-api/attempts, history-service",
      "/collaboration-service-api/sessions/abc/ws, collaboration-service",
      "/chat-service-api/sessions/abc/ws, chat-service",
      "/user-service-api/internal/users/1, 404",
      "/question-service-api/internal/pick, 404",
      "/matching-service-api/internal, 404",
      "/history-service-api/internal/attempts, 404",
      "/collaboration-service-api/internal/sessions, 404",
      "/chat-service-api/internal/x, 404",
      "/internal/health, 404",
      "/user-service-api-extra/x, frontend",
  })
  @DisplayName("The listener rules send each path where it belongs, and /internal/ nowhere")
  void routing(String path, String expected) {
    assertEquals(expected, route(path));
  }

  /** Evaluates the HTTPS listener's rules for a path as the load balancer does: by priority, first match. */
  private String route(String path) {
    record Rule(int priority, List<String> patterns, String target) {}
    List<Rule> rules = new ArrayList<>();
    Block internal = alb.resource("aws_lb_listener_rule", "internal");
    rules.add(new Rule(internal.attr("priority").integer(),
        internal.block("condition").block("path_pattern").attr("values").tuple().strings(), "404"));

    Block service = alb.resource("aws_lb_listener_rule", "service");
    assertEquals("local.routed_services", service.attr("for_each").source());
    assertEquals("{ for name, service in var.services : name => service if service.path_prefix != null }",
        peerprep.infra.hcl.HclParser.normalize(alb.local("routed_services").source()));
    List<Expr> values = service.block("condition").block("path_pattern").attr("values").tuple().items();
    ServiceCatalogueTest.services("prod").entries().forEach((name, value) -> {
      Expr.ObjectExpr entry = value.object();
      if (entry.get("path_prefix").isNull()) {
        return;
      }
      String prefix = entry.get("path_prefix").string();
      List<String> patterns = values.stream().map(v -> expand(v, prefix)).toList();
      rules.add(new Rule(entry.get("priority").integer(), patterns, name));
    });
    rules.sort(Comparator.comparingInt(Rule::priority));
    for (Rule rule : rules) {
      if (rule.patterns().stream().anyMatch(p -> matches(p, path))) {
        return rule.target();
      }
    }
    return Repo.environment("prod").value("alb", "default_service").string();
  }

  private static String expand(Expr value, String prefix) {
    String text = value instanceof Expr.Template t ? t.content() : "${" + value.source() + "}";
    return text.replace("${each.value.path_prefix}", prefix);
  }

  /** Load balancer path patterns: '*' matches any run of characters, '?' exactly one. */
  private static boolean matches(String pattern, String path) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return path.matches(regex.toString());
  }
}
