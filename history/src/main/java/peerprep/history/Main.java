package peerprep.history;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "history", "history_db", HistoryVerticle::new);
  }
}
