package peerprep.infra.hcl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The attributes and nested blocks of a file or a block, in source order. */
public final class Body {
  private final Map<String, Expr> attributes = new LinkedHashMap<>();
  private final List<Block> blocks = new ArrayList<>();

  void add(String name, Expr value, String where) {
    if (attributes.putIfAbsent(name, value) != null) {
      throw new HclException("attribute " + name + " is defined twice", where);
    }
  }

  void add(Block block) {
    blocks.add(block);
  }

  public Optional<Expr> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  public Map<String, Expr> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  public List<Block> blocks() {
    return Collections.unmodifiableList(blocks);
  }

  public List<Block> blocks(String type) {
    return blocks.stream().filter(block -> block.type().equals(type)).toList();
  }
}
