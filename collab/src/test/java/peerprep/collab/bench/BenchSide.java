package peerprep.collab.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One editor's bookkeeping: the send time of each of its marker tokens, how many are in flight (sent,
 * not yet seen by the partner) and how many the partner has seen. A token is {@code side + seq in base 36
 * (6) + ' '}, eight characters, so the partner can tell whose edit, and which, it received.
 */
final class BenchSide {
  static final int TOKEN = 8;
  private static final long SEEN = Long.MIN_VALUE;
  final BenchEditor editor;
  final char side;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger observed = new AtomicInteger();
  private long[] sent = new long[256];
  private int seq;
  long timer = -1;
  BenchPair pair;

  /** {@code editor} makes this side's editor, which reports to the side it belongs to. */
  BenchSide(char side, Function<BenchSide, BenchEditor> editor) {
    this.side = side;
    this.editor = editor.apply(this);
  }

  /** Records a new edit made at {@code nanoTime}; its token. */
  synchronized String next(long nanoTime) {
    seq++;
    if (seq == sent.length) {
      sent = Arrays.copyOf(sent, seq * 2);
    }
    sent[seq] = nanoTime;
    String n = Integer.toString(seq, 36);
    return side + "0".repeat(6 - n.length()) + n + " ";
  }

  synchronized int edits() {
    return seq;
  }

  /** The send time of token {@code n}, marking it seen; {@code SEEN} when it was seen before, -1 when unknown. */
  synchronized long see(int n) {
    if (n <= 0 || n > seq) {
      return -1;
    }
    long at = sent[n];
    sent[n] = SEEN;
    return at;
  }

  static boolean wasSeen(long at) {
    return at == SEEN;
  }
}
