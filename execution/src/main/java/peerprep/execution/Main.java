package peerprep.execution;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "execution", null, ExecutionVerticle::new);
  }
}
