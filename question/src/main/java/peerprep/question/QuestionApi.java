package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;

import java.util.UUID;

/** The question routes: listing, reading and topics for signed-in users; writing for admins. */
public final class QuestionApi {
  static final String PUBLIC_PATH = "/question-service-api/questions/";
  static final int MAX_BODY = 256 * 1024;
  private final QuestionRepository repository;

  public QuestionApi(QuestionRepository repository) {
    this.repository = repository;
  }

  public void mount(ContractRouter routes, Handler<RoutingContext> signedIn, Handler<RoutingContext> admin) {
    routes.on("listQuestions", signedIn, this::list)
      .on("readQuestion", signedIn, this::read)
      .on("listTopics", signedIn, this::topics)
      .on("createQuestion", signedIn, admin, this::create)
      .on("updateQuestion", signedIn, admin, this::update)
      .on("deleteQuestion", signedIn, admin, this::delete);
  }

  private void list(RoutingContext ctx) {
    ListQuery query = ListQuery.fromRequest(ctx);
    repository.unknownTopics(query.topics())
      .compose(unknown -> unknown.isEmpty() ? repository.list(query) : Future.failedFuture(
        ApiException.badRequest("Unknown topic filter: " + String.join(", ", unknown) + ". GET /topics lists the known ones.")))
      .onSuccess(page -> ctx.json(page.toJson()))
      .onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    UUID id = ContractRouter.uuid(ctx, "id");
    repository.find(id)
      .map(found -> found.orElseThrow(() -> QuestionRepository.notFound(id)))
      .onSuccess(q -> respond(ctx, 200, q))
      .onFailure(ctx::fail);
  }

  private void topics(RoutingContext ctx) {
    repository.topics()
      .onSuccess(topics -> ctx.json(new JsonObject().put("items", new JsonArray(topics.stream().map(TopicCount::toJson).toList()))))
      .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    NewQuestion q = NewQuestion.fromJson(body(ctx));
    boolean slugChosen = q.slug() != null;
    repository.create(slugChosen ? q : q.withSlug(Slugs.fromTitle(q.title())), slugChosen)
      .onSuccess(created -> {
        ctx.response().putHeader("Location", PUBLIC_PATH + created.id());
        respond(ctx, 201, created);
      })
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID id = ContractRouter.uuid(ctx, "id");
    JsonObject body = body(ctx);
    int expected = Versions.expected(ctx, body);
    repository.update(id, expected, NewQuestion.fromJson(body))
      .onSuccess(updated -> respond(ctx, 200, updated))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    UUID id = ContractRouter.uuid(ctx, "id");
    repository.delete(id)
      .onSuccess(deleted -> {
        if (deleted) {
          ctx.response().setStatusCode(204).end();
        } else {
          ctx.fail(QuestionRepository.notFound(id));
        }
      })
      .onFailure(ctx::fail);
  }

  private static JsonObject body(RoutingContext ctx) {
    if (ctx.body() != null && ctx.body().length() > MAX_BODY) {
      throw ApiException.tooLarge("A question body may be at most " + MAX_BODY / 1024 + " KiB.");
    }
    return ContractRouter.body(ctx);
  }

  private static void respond(RoutingContext ctx, int status, Question q) {
    ctx.response().setStatusCode(status).putHeader("ETag", Versions.etag(q.version()));
    ctx.json(q.toJson());
  }
}
