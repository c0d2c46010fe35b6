package peerprep.question;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.Bodies;

/** The service-to-service pick that matching calls when it pairs two users. */
public final class PickApi {
  private final Picker picker;

  public PickApi(Picker picker) {
    this.picker = picker;
  }

  public void mount(Router router, Handler<RoutingContext> internal) {
    router.post("/internal/questions/pick").handler(internal).handler(this::pick);
  }

  private void pick(RoutingContext ctx) {
    PickRequest request = PickRequest.fromJson(Bodies.json(ctx));
    picker.pick(request)
      .onSuccess(pick -> ctx.json(pick.toJson()))
      .onFailure(ctx::fail);
  }
}
