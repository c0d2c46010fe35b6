package peerprep.question;

import peerprep.common.app.ServiceMain;

public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    ServiceMain.run(args, "question", "question_db", QuestionVerticle::new);
  }
}
