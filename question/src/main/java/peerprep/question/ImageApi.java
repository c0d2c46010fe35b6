package peerprep.question;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;

import java.util.Locale;
import java.util.UUID;

/** Image upload for admins, and public image download so that browsers can load them in img tags. */
public final class ImageApi {
  private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
  private final ImageRepository repository;
  private final int maxBytes;

  public ImageApi(ImageRepository repository, int maxBytes) {
    this.repository = repository;
    this.maxBytes = maxBytes;
  }

  public void mount(ContractRouter routes, Handler<RoutingContext> signedIn, Handler<RoutingContext> admin) {
    routes.plain("uploadImage", signedIn, admin, this::upload)
      .on("downloadImage", this::download);
  }

  private void upload(RoutingContext ctx) {
    String declared = ctx.request().getHeader("Content-Type");
    if (declared != null && declared.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      throw unsupported("Send the image's bytes as the request body (Content-Type: image/png and so on), not as a form.");
    }
    Buffer bytes = ctx.body() == null ? null : ctx.body().buffer();
    if (bytes == null || bytes.length() == 0) {
      throw ApiException.badRequest("The image is empty: send its bytes as the request body.");
    }
    if (bytes.length() > maxBytes) {
      throw ApiException.tooLarge("The image has " + bytes.length() + " bytes; images may have at most " + maxBytes + ".");
    }
    ImageType type = ImageType.detect(bytes).orElseThrow(() ->
      unsupported("The bytes are not a PNG, JPEG, WebP or GIF image, whatever the file name or Content-Type says."));
    Image image = new Image(UUID.randomUUID(), type.contentType(), bytes.length(), bytes);
    repository.save(image, Principal.of(ctx).id())
      .onSuccess(saved -> {
        ctx.response().setStatusCode(201).putHeader("Location", saved.url());
        ctx.json(saved.toJson());
      })
      .onFailure(ctx::fail);
  }

  private void download(RoutingContext ctx) {
    UUID id = ContractRouter.uuid(ctx, "id");
    String etag = "\"" + id + "\"";
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).putHeader("ETag", etag).putHeader("Cache-Control", CACHE_FOREVER).end();
      return;
    }
    repository.find(id)
      .map(found -> found.orElseThrow(() -> ApiException.notFound("No image has the id " + id + ".")))
      .onSuccess(image -> ctx.response()
        .putHeader("Content-Type", image.contentType())
        .putHeader("Cache-Control", CACHE_FOREVER)
        .putHeader("ETag", etag)
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(image.data()))
      .onFailure(ctx::fail);
  }

  private static ApiException unsupported(String detail) {
    return new ApiException(415, "Unsupported Media Type", detail);
  }
}
