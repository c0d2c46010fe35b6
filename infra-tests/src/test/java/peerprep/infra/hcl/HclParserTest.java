package peerprep.infra.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HclParserTest {

  @Test
  @DisplayName("Blocks keep their type, labels and attributes, with literals parsed")
  void blocksAndLiterals() {
    Body body = HclParser.parse("""
        # a comment
        resource "aws_lb" "this" {
          name     = "peerprep" // trailing comment
          internal = false
          port     = 443
          ratio    = 1.5
          nothing  = null
          /* block
             comment */
          nested {
            enabled = true
          }
        }
        data "aws_partition" "this" {}
        """, "test.tf");

    Block lb = body.blocks("resource").get(0);
    assertEquals(List.of("aws_lb", "this"), lb.labels());
    assertEquals("peerprep", lb.attr("name").string());
    assertEquals(false, lb.attr("internal").bool());
    assertEquals(443, lb.attr("port").integer());
    assertEquals("1.5", lb.attr("ratio").source());
    assertTrue(lb.attr("nothing").isNull());
    assertTrue(lb.block("nested").attr("enabled").bool());
    assertEquals("this", body.blocks("data").get(0).name());
  }

  @Test
  @DisplayName("Objects and tuples nest, and keys may be quoted, hyphenated or computed")
  void objectsAndTuples() {
    Expr value = HclParser.expression("""
        {
          # the first service
          user-service = {
            secrets = ["DB_PASSWORD", "INTERNAL_TOKEN"] # two of them
            port    = 8000
          }
          "quoted key" = "v", (var.key) = 1
          list = [
            { a = 1 },
            { b = "x, y" },
          ]
        }""");

    Expr.ObjectExpr object = value.object();
    assertEquals(List.of("DB_PASSWORD", "INTERNAL_TOKEN"),
        object.get("user-service").object().get("secrets").tuple().strings());
    assertEquals(8000, object.get("user-service").object().get("port").integer());
    assertEquals("v", object.get("quoted key").string());
    assertEquals(1, object.get("(var.key)").integer());
    assertEquals("x, y", object.get("list").tuple().items().get(1).object().get("b").string());
  }

  @Test
  @DisplayName("Templates with braces and quotes inside interpolations stay one expression")
  void templates() {
    Body body = HclParser.parse("""
        locals {
          a = "${var.prefix}/*"
          b = "${join(",", [for s in var.x : "${s}}"])}-end"
          c = "literal $${not} interpolated"
          d = "escaped \\"quote\\" and \\n newline"
        }
        """, "test.tf");

    Block locals = body.blocks("locals").get(0);
    assertInstanceOf(Expr.Template.class, locals.attr("a"));
    assertEquals("${var.prefix}/*", ((Expr.Template) locals.attr("a")).content());
    assertInstanceOf(Expr.Template.class, locals.attr("b"));
    assertEquals("literal ${not} interpolated", locals.attr("c").string());
    assertEquals("escaped \"quote\" and \n newline", locals.attr("d").string());
  }

  @Test
  @DisplayName("Heredocs are read to their closing marker, indented ones with the indent removed")
  void heredocs() {
    Body body = HclParser.parse("""
        locals {
          script = <<-EOT
            for db in $DATABASES; do
              echo "{ $db }"
            done
          EOT
          after = 1
        }
        """, "test.tf");

    Block locals = body.blocks("locals").get(0);
    assertEquals("for db in $DATABASES; do\n  echo \"{ $db }\"\ndone\n", locals.attr("script").string());
    assertEquals(1, locals.attr("after").integer());
  }

  @Test
  @DisplayName("References, calls, conditionals and for expressions are kept as source text")
  void rawExpressions() {
    Body body = HclParser.parse("""
        module "m" {
          for_each = local.services
          value    = each.value.sticky ? 120 : 30
          map      = { for k, v in var.x : k => v if v != null }
          call     = jsonencode([
            { name = "x" }
          ])
          grouped = (
            var.a
            ? 1
            : 2
          )
        }
        """, "test.tf");

    Block module = body.blocks("module").get(0);
    assertEquals("local.services", module.attr("for_each").source());
    assertInstanceOf(Expr.Raw.class, module.attr("value"));
    assertInstanceOf(Expr.Raw.class, module.attr("map"));
    assertEquals("x", HclParser.argument(module.attr("call"), "jsonencode")
        .tuple().items().get(0).object().get("name").string());
    assertEquals("( var.a ? 1 : 2 )", HclParser.normalize(module.attr("grouped").source()));
  }

  @Test
  @DisplayName("An attribute defined twice in one block is an error")
  void duplicateAttribute() {
    HclException error = assertThrows(HclException.class,
        () -> HclParser.parse("a {\n  x = 1\n  x = 2\n}\n", "dup.tf"));
    assertTrue(error.getMessage().contains("dup.tf:3"), error.getMessage());
  }

  @Test
  @DisplayName("An unclosed block or string is an error that names the file")
  void unclosed() {
    assertThrows(HclException.class, () -> HclParser.parse("a {\n  x = 1\n", "open.tf"));
    assertThrows(HclException.class, () -> HclParser.parse("a {\n  x = \"open\n}\n", "open.tf"));
  }
}
