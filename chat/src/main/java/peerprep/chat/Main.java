package peerprep.chat;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "chat", null, ChatVerticle::new, ChatVerticle.INSTANCES);
  }
}
