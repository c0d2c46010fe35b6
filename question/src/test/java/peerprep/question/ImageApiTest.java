package peerprep.question;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.assertProblem;

class ImageApiTest {
  private static final int MAX = 64 * 1024;
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture()
    .config(new JsonObject().put("IMAGE_MAX_BYTES", MAX));
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  private static HttpResponse<Buffer> upload(Buffer bytes, String contentType) {
    return service.raw(HttpMethod.POST, "/images", service.admin,
      MultiMap.caseInsensitiveMultiMap().add("Content-Type", contentType), bytes);
  }

  @Test
  @DisplayName("An admin uploads a PNG and anyone can load it back, with its type and a year of caching")
  void uploadAndDownload() {
    Buffer png = Images.png(16, 16);
    HttpResponse<Buffer> response = upload(png, "image/png");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject image = response.bodyAsJsonObject();
    assertThat(image.getString("contentType")).isEqualTo("image/png");
    assertThat(image.getInteger("size")).isEqualTo(png.length());
    assertThat(image.getString("url")).isEqualTo("/question-service-api/images/" + image.getString("id"));
    assertThat(response.getHeader("Location")).isEqualTo(image.getString("url"));

    HttpResponse<Buffer> loaded = service.get(image.getString("url"), null);
    assertThat(loaded.statusCode()).isEqualTo(200);
    assertThat(loaded.body()).isEqualTo(png);
    assertThat(loaded.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(loaded.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(loaded.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

    HttpResponse<Buffer> again = service.raw(HttpMethod.GET, "/images/" + image.getString("id"), null,
      MultiMap.caseInsensitiveMultiMap().add("If-None-Match", loaded.getHeader("ETag")), null);
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  @DisplayName("The type comes from the bytes: JPEG, GIF and WebP are recognised whatever Content-Type is sent")
  void typeFromBytes() {
    Map<String, Buffer> samples = Map.of(
      "image/jpeg", Images.jpeg(8, 8),
      "image/gif", Images.gif(8, 8),
      "image/webp", Images.webp());
    samples.forEach((type, bytes) -> {
      HttpResponse<Buffer> response = upload(bytes, "application/octet-stream");
      assertThat(response.statusCode()).as(type + ": " + response.bodyAsString()).isEqualTo(201);
      assertThat(response.bodyAsJsonObject().getString("contentType")).isEqualTo(type);
      HttpResponse<Buffer> loaded = service.get("/images/" + response.bodyAsJsonObject().getString("id"), null);
      assertThat(loaded.getHeader("Content-Type")).isEqualTo(type);
      assertThat(loaded.body()).isEqualTo(bytes);
    });
  }

  @Test
  @DisplayName("A text file sent as image/png is a 415 that says what is accepted")
  void textRenamedPng() {
    Buffer text = Buffer.buffer("name,score\nada,3\n", StandardCharsets.UTF_8.name());
    assertProblem(upload(text, "image/png"), 415, "not a PNG, JPEG, WebP or GIF");
  }

  @Test
  @DisplayName("An SVG, whose scripts browsers would run, is a 415")
  void svgRefused() {
    Buffer svg = Buffer.buffer("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    assertProblem(upload(svg, "image/svg+xml"), 415, "not a PNG");
  }

  @Test
  @DisplayName("An image over IMAGE_MAX_BYTES is a 413, just over the cap or far over it")
  void oversized() {
    Buffer justOver = Images.png(8, 8).appendBuffer(Buffer.buffer(new byte[MAX]));
    assertProblem(upload(justOver, "image/png"), 413, "at most " + MAX);
    Buffer farOver = Images.png(8, 8).appendBuffer(Buffer.buffer(new byte[4 * MAX]));
    assertThat(upload(farOver, "image/png").statusCode()).isEqualTo(413);
  }

  @Test
  @DisplayName("An empty upload is a 400")
  void empty() {
    assertProblem(upload(Buffer.buffer(), "image/png"), 400, "empty");
  }

  @Test
  @DisplayName("A multipart form is a 415, refused before it is parsed")
  void multipartRefused() {
    Buffer form = Buffer.buffer("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n")
      .appendBuffer(Images.png(4, 4)).appendString("\r\n--b--\r\n");
    assertProblem(upload(form, "multipart/form-data; boundary=b"), 415, "not accept form or multipart");
  }

  @Test
  @DisplayName("Uploading needs an admin: 403 for a user, 401 without a token")
  void uploadNeedsAdmin() {
    MultiMap png = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "image/png");
    assertProblem(service.raw(HttpMethod.POST, "/images", service.user, png, Images.png(4, 4)), 403, "admin");
    assertProblem(service.raw(HttpMethod.POST, "/images", null, png, Images.png(4, 4)), 401, "Sign in");
  }

  @Test
  @DisplayName("Loading an unknown image is a 404 and a malformed id a 400")
  void unknownImage() {
    assertProblem(service.get("/images/" + UUID.randomUUID(), null), 404, "No image");
    assertProblem(service.get("/images/logo.png", null), 400, "not a valid id");
  }
}
