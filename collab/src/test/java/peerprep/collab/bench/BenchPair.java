package peerprep.collab.bench;

import java.util.List;

/** One session of the benchmark: its two editors, their tokens, and the text it started with. */
final class BenchPair {
  private final String sessionId;
  private final String tokenA;
  private final String tokenB;
  private final BenchSide a;
  private final BenchSide b;
  private volatile boolean connected;
  private volatile int startLength;

  BenchPair(String sessionId, String tokenA, String tokenB, BenchSide a, BenchSide b) {
    this.sessionId = sessionId;
    this.tokenA = tokenA;
    this.tokenB = tokenB;
    this.a = a;
    this.b = b;
    a.pair = this;
    b.pair = this;
  }

  String sessionId() {
    return sessionId;
  }

  String tokenA() {
    return tokenA;
  }

  String tokenB() {
    return tokenB;
  }

  BenchSide a() {
    return a;
  }

  BenchSide b() {
    return b;
  }

  List<BenchSide> sides() {
    return List.of(a, b);
  }

  /** Both editors are synced; the tokens go after the text the session started with. */
  void markConnected() {
    startLength = a.editor.doc().length();
    connected = true;
  }

  boolean connected() {
    return connected;
  }

  int startLength() {
    return startLength;
  }

  /** Every edit of both editors seen by the partner and confirmed to its author. */
  boolean settled() {
    return a.observed.get() == a.edits() && b.observed.get() == b.edits()
      && a.editor.unconfirmed() == 0 && b.editor.unconfirmed() == 0;
  }
}
