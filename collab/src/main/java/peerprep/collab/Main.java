package peerprep.collab;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "collab", null, CollabVerticle::new, CollabVerticle.INSTANCES);
  }
}
