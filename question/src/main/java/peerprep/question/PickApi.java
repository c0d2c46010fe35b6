package peerprep.question;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ContractRouter;

/** The service-to-service pick that matching calls when it pairs two users. */
public final class PickApi {
  private final Picker picker;

  public PickApi(Picker picker) {
    this.picker = picker;
  }

  public void mount(ContractRouter routes, Handler<RoutingContext> internal) {
    routes.on("pickQuestion", internal, this::pick);
  }

  private void pick(RoutingContext ctx) {
    PickRequest request = PickRequest.fromJson(ContractRouter.body(ctx));
    picker.pick(request)
      .onSuccess(pick -> ctx.json(pick.toJson()))
      .onFailure(ctx::fail);
  }
}
