package peerprep.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Body;
import peerprep.infra.hcl.Expr;

/**
 * What {@code terraform validate} would say about names, without providers: in every module and
 * environment under a terraform/ directory, each module argument is a variable of the called
 * module, each required variable is passed, each {@code module.X.Y} names a module called here and
 * one of its outputs, and each {@code var.*} and {@code local.*} is declared here.
 */
public final class ReferenceCheck {
  private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "count", "for_each", "depends_on", "providers");
  private static final Pattern VAR = Pattern.compile("(?<![\\w.\\-])var\\.([A-Za-z_][\\w-]*)");
  private static final Pattern LOCAL = Pattern.compile("(?<![\\w.\\-])local\\.([A-Za-z_][\\w-]*)");
  private static final Pattern MODULE = Pattern.compile("(?<![\\w.\\-])module\\.([A-Za-z_][\\w-]*)(\\[[^\\]]*\\])?(?:\\.([A-Za-z_][\\w-]*))?");

  private final Path terraform;
  private final List<String> problems = new ArrayList<>();

  private ReferenceCheck(Path terraform) {
    this.terraform = terraform;
  }

  /** Every broken reference under the terraform/ directory given, as readable lines; empty when all resolve. */
  public static List<String> problems(Path terraform) {
    ReferenceCheck check = new ReferenceCheck(terraform);
    for (Path dir : check.directories()) {
      check.checkDirectory(dir);
    }
    return check.problems;
  }

  private List<Path> directories() {
    List<Path> dirs = new ArrayList<>();
    for (String parent : List.of("modules", "envs")) {
      try (Stream<Path> children = Files.list(terraform.resolve(parent))) {
        children.filter(Files::isDirectory).sorted().forEach(dirs::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dirs;
  }

  private void checkDirectory(Path dir) {
    TerraformDir here = TerraformDir.load(dir);
    String where = terraform.relativize(dir).toString();
    Set<String> variables = here.variables().keySet();
    Set<String> locals = here.locals().keySet();
    Map<String, Block> modules = here.modules();

    for (Block call : modules.values()) {
      checkCall(where, dir, call);
    }
    for (String type : List.of("resource", "data", "module", "output", "locals", "import", "moved", "variable", "terraform", "provider", "check")) {
      for (Block block : here.blocks(type)) {
        for (String source : expressions(block)) {
          references(where, block, source, VAR, name -> variables.contains(name), "var.");
          references(where, block, source, LOCAL, name -> locals.contains(name), "local.");
          moduleReferences(where, dir, block, source, modules);
        }
      }
    }
  }

  private void checkCall(String where, Path dir, Block call) {
    Path target = dir.resolve(call.attr("source").string()).normalize();
    if (!Files.isDirectory(target)) {
      problems.add(where + ": " + call.describe() + " calls the missing module " + target);
      return;
    }
    TerraformDir callee = TerraformDir.load(target);
    Set<String> declared = callee.variables().keySet();
    Set<String> passed = new TreeSet<>(call.body().attributes().keySet());
    passed.removeAll(META_ARGUMENTS);
    for (String argument : passed) {
      if (!declared.contains(argument)) {
        problems.add(where + ": " + call.describe() + " passes " + argument + ", which " + terraform.relativize(target) + " does not declare");
      }
    }
    callee.variables().forEach((name, variable) -> {
      if (!variable.has("default") && !passed.contains(name)) {
        problems.add(where + ": " + call.describe() + " does not pass the required variable " + name + " of " + terraform.relativize(target));
      }
    });
  }

  private void references(String where, Block block, String source, Pattern pattern,
      java.util.function.Predicate<String> declared, String prefix) {
    Matcher m = pattern.matcher(source);
    while (m.find()) {
      if (!declared.test(m.group(1))) {
        problems.add(where + ": " + block.describe() + " refers to undeclared " + prefix + m.group(1));
      }
    }
  }

  private void moduleReferences(String where, Path dir, Block block, String source, Map<String, Block> modules) {
    Matcher m = MODULE.matcher(source);
    while (m.find()) {
      Block call = modules.get(m.group(1));
      if (call == null) {
        problems.add(where + ": " + block.describe() + " refers to module." + m.group(1) + ", which is not called here");
        continue;
      }
      String output = m.group(3);
      if (output == null) {
        continue;
      }
      Path target = dir.resolve(call.attr("source").string()).normalize();
      if (Files.isDirectory(target) && !TerraformDir.load(target).outputs().containsKey(output)) {
        problems.add(where + ": " + block.describe() + " refers to module." + m.group(1) + "." + output
            + ", which " + terraform.relativize(target) + " does not output");
      }
    }
  }

  /** The source of every expression of a block and its nested blocks; moved and import addresses are not expressions. */
  private static List<String> expressions(Block block) {
    List<String> sources = new ArrayList<>();
    collect(block.type(), block.body(), sources);
    return sources;
  }

  private static void collect(String type, Body body, List<String> sources) {
    body.attributes().forEach((name, value) -> {
      boolean address = (type.equals("moved") || type.equals("import")) && (name.equals("from") || name.equals("to"));
      if (!address) {
        sources.add(stripComments(value));
      }
    });
    for (Block nested : body.blocks()) {
      collect(nested.type(), nested.body(), sources);
    }
  }

  private static String stripComments(Expr value) {
    return value.source().replaceAll("(?m)^\\s*(#|//).*$", "");
  }
}
