package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses a question for a new match: one of the asked difficulty the pair has not seen; else one of the
 * topic's other difficulties they have not seen (relaxed); else, when they have seen the whole topic, a
 * repeat of the asked difficulty, or of another one (relaxed) when the asked difficulty has none.
 */
public final class Picker {
  private final PickRepository repository;

  public Picker(PickRepository repository) {
    this.repository = repository;
  }

  /** The chosen question and whether the difficulty was relaxed. */
  public record Pick(Question question, boolean relaxed) {
    public JsonObject toJson() {
      return new JsonObject().put("question", question.toJson()).put("relaxed", relaxed);
    }
  }

  private record Attempt(Difficulty difficulty, List<UUID> excluded) {
  }

  public Future<Pick> pick(PickRequest request) {
    List<Difficulty> others = request.difficulty().othersNearestFirst(ThreadLocalRandom.current().nextBoolean());
    List<Attempt> plan = new ArrayList<>();
    List<List<UUID>> passes = request.excludeIds().isEmpty() ? List.of(List.of()) : List.of(request.excludeIds(), List.of());
    for (List<UUID> excluded : passes) {
      plan.add(new Attempt(request.difficulty(), excluded));
      others.forEach(d -> plan.add(new Attempt(d, excluded)));
    }
    return attempt(request, plan, 0);
  }

  private Future<Pick> attempt(PickRequest request, List<Attempt> plan, int index) {
    if (index == plan.size()) {
      return repository.topicExists(request.topic()).compose(exists -> Future.failedFuture(exists
        ? ApiException.notFound("The topic '" + request.topic() + "' has no questions yet.")
        : PickRequest.unknownTopic(request.topic())));
    }
    Attempt a = plan.get(index);
    return repository.pick(request.topic(), a.difficulty(), a.excluded())
      .compose(found -> found.isPresent()
        ? Future.succeededFuture(new Pick(found.get(), a.difficulty() != request.difficulty()))
        : attempt(request, plan, index + 1));
  }
}
