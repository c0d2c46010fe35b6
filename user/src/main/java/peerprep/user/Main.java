package peerprep.user;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "user", "user_db", UserVerticle::new);
  }
}
