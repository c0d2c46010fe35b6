package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the question bank at start-up, after the migrations, adding only questions never loaded before. */
public final class Bank {
  private static final Logger LOG = LoggerFactory.getLogger(Bank.class);
  private final Vertx vertx;
  private final SeedRepository repository;

  public Bank(Vertx vertx, SeedRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
  }

  /** The number of questions added; zero when the bank is switched off or everything was loaded before. */
  public Future<Integer> load(QuestionConfig cfg) {
    if (!cfg.bankEnabled()) {
      return Future.succeededFuture(0);
    }
    return vertx.executeBlocking(() -> BankReader.read(cfg.bankRoot()), false)
      .compose(bank -> {
        bank.problems().forEach(p -> LOG.warn("Question bank entry skipped: {}", p));
        return repository.seed(bank.questions())
          .onSuccess(added -> LOG.info("Question bank {}: {} questions read, {} added", cfg.bankRoot(),
            bank.questions().size(), added));
      });
  }
}
