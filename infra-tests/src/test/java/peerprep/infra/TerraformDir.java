package peerprep.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import peerprep.infra.hcl.Block;
import peerprep.infra.hcl.Body;
import peerprep.infra.hcl.Expr;
import peerprep.infra.hcl.HclParser;

/** Every top-level block of the .tf files of one Terraform module or environment directory. */
public final class TerraformDir {
  private final Path dir;
  private final List<Block> blocks = new ArrayList<>();

  private TerraformDir(Path dir) {
    this.dir = dir;
  }

  public static TerraformDir load(Path dir) {
    TerraformDir module = new TerraformDir(dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
        Body body = HclParser.parse(file);
        if (!body.attributes().isEmpty()) {
          throw new AssertionError(file + " has top-level attributes " + body.attributes().keySet());
        }
        module.blocks.addAll(body.blocks());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return module;
  }

  public Path dir() {
    return dir;
  }

  public List<Block> blocks(String type) {
    return blocks.stream().filter(block -> block.type().equals(type)).toList();
  }

  /** Resources (or data sources, with type "data") of the given kind, keyed by name. */
  public Map<String, Block> resources(String kind) {
    return byName(blocks("resource").stream().filter(b -> b.label(0).equals(kind)).toList());
  }

  public Block resource(String kind, String name) {
    Block block = resources(kind).get(name);
    if (block == null) {
      throw new AssertionError(dir + " has no resource " + kind + "." + name);
    }
    return block;
  }

  public Map<String, Block> data(String kind) {
    return byName(blocks("data").stream().filter(b -> b.label(0).equals(kind)).toList());
  }

  public Map<String, Block> variables() {
    return byName(blocks("variable"));
  }

  public Map<String, Block> outputs() {
    return byName(blocks("output"));
  }

  public Map<String, Block> modules() {
    return byName(blocks("module"));
  }

  public Block module(String name) {
    Block block = modules().get(name);
    if (block == null) {
      throw new AssertionError(dir + " calls no module " + name);
    }
    return block;
  }

  /** The attributes of every locals block, merged. */
  public Map<String, Expr> locals() {
    Map<String, Expr> locals = new LinkedHashMap<>();
    for (Block block : blocks("locals")) {
      block.body().attributes().forEach((name, value) -> {
        if (locals.put(name, value) != null) {
          throw new AssertionError(dir + " defines local." + name + " twice");
        }
      });
    }
    return locals;
  }

  public Expr local(String name) {
    Expr value = locals().get(name);
    if (value == null) {
      throw new AssertionError(dir + " has no local." + name);
    }
    return value;
  }

  private Map<String, Block> byName(List<Block> list) {
    Map<String, Block> map = new LinkedHashMap<>();
    for (Block block : list) {
      if (map.put(block.name(), block) != null) {
        throw new AssertionError(dir + " declares " + block.describe() + " twice");
      }
    }
    return map;
  }
}
