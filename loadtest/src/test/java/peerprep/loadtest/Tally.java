package peerprep.loadtest;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of a run that are worth printing but are not requests: pushes the server refused as stale. */
final class Tally {
  static final AtomicLong CONFLICTS = new AtomicLong();

  private Tally() {
  }
}
