package peerprep.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Expr;

/**
 * One environment as Terraform builds it: its root directory (variables, backend, provider) and the
 * composed module the root calls as {@code module "stack"}, which wires every platform module. The
 * value of a module argument is read through that call: where the composed module passes on one of
 * its own variables, the environment's argument (or the variable's default) is the value.
 */
public final class Environment {
  private static final Pattern VARIABLE = Pattern.compile("var\\.([A-Za-z0-9_]+)");

  private final String name;
  private final TerraformDir root;
  private final Block call;
  private final TerraformDir stack;

  private Environment(String name, TerraformDir root, Block call, TerraformDir stack) {
    this.name = name;
    this.root = root;
    this.call = call;
    this.stack = stack;
  }

  public static Environment load(String name) {
    TerraformDir root = Repo.env(name);
    Block call = root.module("stack");
    Path source = root.dir().resolve(call.attr("source").string()).normalize();
    if (!Files.isDirectory(source)) {
      throw new AssertionError("envs/" + name + ": module stack points at missing " + source);
    }
    return new Environment(name, root, call, TerraformDir.load(source));
  }

  public String name() {
    return name;
  }

  /** The environment's own directory, terraform/envs/<name>. */
  public TerraformDir root() {
    return root;
  }

  /** The composed module the environment calls. */
  public TerraformDir stack() {
    return stack;
  }

  /** The environment's {@code module "stack"} block. */
  public Block call() {
    return call;
  }

  /** A module call inside the composed module. */
  public Block module(String module) {
    return stack.module(module);
  }

  /** A local value of the composed module. */
  public Expr local(String local) {
    return stack.local(local);
  }

  /** What the environment gives the composed module's variable: its argument, or else the default. */
  public Expr input(String variable) {
    Block declared = stack.variables().get(variable);
    if (declared == null) {
      throw new AssertionError(stack.dir() + " has no variable " + variable);
    }
    if (call.has(variable)) {
      return call.attr(variable);
    }
    if (!declared.has("default")) {
      throw new AssertionError("envs/" + name + " does not set " + variable + ", which has no default");
    }
    return declared.attr("default");
  }

  /**
   * An argument of a module call inside the composed module, as this environment sets it: an
   * argument that is exactly {@code var.<name>} of the composed module becomes {@link #input}.
   */
  public Expr value(String module, String attribute) {
    Expr expr = module(module).attr(attribute);
    Matcher variable = VARIABLE.matcher(expr.source());
    return variable.matches() ? input(variable.group(1)) : expr;
  }
}
