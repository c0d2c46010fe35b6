package peerprep.matching;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "matching", "matching_db", MatchingVerticle::new);
  }
}
