package peerprep.collab.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Composition and mapping (transformation) of change sets, as a CodeMirror client does them when it
 * rebases its pending edits. The server never needs these: it only accepts changes made on its current
 * version. Internally a change set becomes a sequence of keep / delete / insert steps.
 */
public final class ChangeAlgebra {
  private ChangeAlgebra() {
  }

  /** {@code a} then {@code b} as one change set; {@code b} must start on the document {@code a} produces. */
  public static ChangeSet compose(ChangeSet a, ChangeSet b) {
    if (a.newLength() != b.length()) {
      throw new IllegalArgumentException("compose: " + a.newLength() + " != " + b.length());
    }
    Steps out = new Steps();
    Cursor x = new Cursor(Steps.of(a)), y = new Cursor(Steps.of(b));
    while (!x.done() || !y.done()) {
      if (x.isDelete()) {
        out.delete(x.take(x.size()).n);
      } else if (y.isInsert()) {
        out.insert(y.take(y.size()).text);
      } else {
        int n = Math.min(x.size(), y.size());
        Step sx = x.take(n), sy = y.take(n);
        if (sx.isKeep() && sy.isKeep()) {
          out.keep(n);
        } else if (sx.isKeep()) {
          out.delete(n);
        } else if (sy.isKeep()) {
          out.insert(sx.text);
        }
      }
    }
    return out.toChangeSet();
  }

  /**
   * {@code a} rewritten to apply after {@code b} (both start on the same document). When both insert at
   * one position, {@code a}'s text goes first if {@code aFirst}, after {@code b}'s otherwise.
   */
  public static ChangeSet map(ChangeSet a, ChangeSet b, boolean aFirst) {
    if (a.length() != b.length()) {
      throw new IllegalArgumentException("map: " + a.length() + " != " + b.length());
    }
    Steps out = new Steps();
    Cursor x = new Cursor(Steps.of(a)), y = new Cursor(Steps.of(b));
    while (!x.done() || !y.done()) {
      if (x.isInsert() && (aFirst || !y.isInsert())) {
        out.insert(x.take(x.size()).text);
      } else if (y.isInsert()) {
        out.keep(y.take(y.size()).text.length());
      } else {
        int n = Math.min(x.size(), y.size());
        Step sx = x.take(n), sy = y.take(n);
        if (sx.isKeep() && sy.isKeep()) {
          out.keep(n);
        } else if (sx.isDelete() && sy.isKeep()) {
          out.delete(n);
        }
      }
    }
    return out.toChangeSet();
  }

  /** One step: keep n, delete n, or insert text (n == 0). */
  record Step(int n, boolean delete, String text) {
    boolean isKeep() {
      return text == null && !delete;
    }

    boolean isDelete() {
      return delete;
    }

    boolean isInsert() {
      return text != null;
    }

    int size() {
      return isInsert() ? text.length() : n;
    }
  }

  /** A normalized step list: adjacent steps of a kind merged, inserts before deletes in a run. */
  static final class Steps {
    final List<Step> list = new ArrayList<>();

    static List<Step> of(ChangeSet cs) {
      Steps s = new Steps();
      for (int i = 0; i < cs.sections(); i++) {
        String ins = cs.sectionInsert(i);
        if (ins == null) {
          s.keep(cs.sectionLength(i));
        } else {
          s.insert(ins);
          s.delete(cs.sectionLength(i));
        }
      }
      return s.list;
    }

    void keep(int n) {
      if (n == 0) {
        return;
      }
      Step last = last();
      if (last != null && last.isKeep()) {
        list.set(list.size() - 1, new Step(last.n + n, false, null));
      } else {
        list.add(new Step(n, false, null));
      }
    }

    void delete(int n) {
      if (n == 0) {
        return;
      }
      Step last = last();
      if (last != null && last.isDelete()) {
        list.set(list.size() - 1, new Step(last.n + n, true, null));
      } else {
        list.add(new Step(n, true, null));
      }
    }

    void insert(String text) {
      if (text.isEmpty()) {
        return;
      }
      int at = list.size();
      if (at > 0 && list.get(at - 1).isDelete()) {
        at--;
      }
      if (at > 0 && list.get(at - 1).isInsert()) {
        list.set(at - 1, new Step(0, false, list.get(at - 1).text + text));
      } else {
        list.add(at, new Step(0, false, text));
      }
    }

    private Step last() {
      return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    ChangeSet toChangeSet() {
      List<Integer> lengths = new ArrayList<>();
      List<String> inserts = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Step s = list.get(i);
        if (s.isKeep()) {
          lengths.add(s.n);
          inserts.add(null);
          continue;
        }
        int deleted = 0;
        StringBuilder text = new StringBuilder();
        for (; i < list.size() && !list.get(i).isKeep(); i++) {
          deleted += list.get(i).isDelete() ? list.get(i).n : 0;
          text.append(list.get(i).isInsert() ? list.get(i).text : "");
        }
        i--;
        lengths.add(deleted);
        inserts.add(text.toString());
      }
      return ChangeSet.of(lengths.stream().mapToInt(Integer::intValue).toArray(), inserts.toArray(new String[0]));
    }
  }

  /** Walks a step list, splitting steps when only part of one is taken. */
  static final class Cursor {
    private final List<Step> steps;
    private int index;
    private int offset;

    Cursor(List<Step> steps) {
      this.steps = steps;
    }

    boolean done() {
      return index >= steps.size();
    }

    private Step current() {
      if (done()) {
        throw new IllegalArgumentException("change sets of different lengths");
      }
      return steps.get(index);
    }

    boolean isInsert() {
      return !done() && current().isInsert();
    }

    boolean isDelete() {
      return !done() && current().isDelete();
    }

    int size() {
      return current().size() - offset;
    }

    Step take(int n) {
      Step s = current();
      Step part = s.isInsert() ? new Step(0, false, s.text.substring(offset, offset + n)) : new Step(n, s.delete, null);
      offset += n;
      if (offset == s.size()) {
        index++;
        offset = 0;
      }
      return part;
    }
  }
}
