package peerprep.infra.hcl;

import java.util.List;

/** A block such as {@code resource "aws_lb" "this" { ... }}. */
public record Block(String type, List<String> labels, Body body, String file, int line) {

  public String label(int index) {
    return labels.get(index);
  }

  public String name() {
    return labels.get(labels.size() - 1);
  }

  public Expr attr(String name) {
    return body.attribute(name)
        .orElseThrow(() -> new AssertionError(describe() + " has no attribute " + name));
  }

  public boolean has(String name) {
    return body.attribute(name).isPresent();
  }

  public Block block(String type) {
    List<Block> found = body.blocks(type);
    if (found.size() != 1) {
      throw new AssertionError(describe() + " has " + found.size() + " " + type + " blocks, expected one");
    }
    return found.get(0);
  }

  public List<Block> blocks(String type) {
    return body.blocks(type);
  }

  public String describe() {
    return type + (labels.isEmpty() ? "" : " \"" + String.join("\" \"", labels) + "\"") + " (" + file + ":" + line + ")";
  }
}
