package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.assertProblem;
import static peerprep.question.Fixtures.question;

class QuestionUpdateTest {
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture()
    .truncating(TestService.TABLES);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @Test
  @DisplayName("An update with If-Match of the current version replaces the content and raises the version")
  void updateWithIfMatch() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    HttpResponse<Buffer> response = service.put("/questions/" + created.getString("id"), service.admin,
      question("Parcel Pair Revisited", "Hard", "graphs", "greedy").put("slug", "ignored"), "\"1\"");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("ETag")).isEqualTo("\"2\"");
    JsonObject updated = response.bodyAsJsonObject();
    assertThat(updated.getInteger("version")).isEqualTo(2);
    assertThat(updated.getString("title")).isEqualTo("Parcel Pair Revisited");
    assertThat(updated.getString("difficulty")).isEqualTo("Hard");
    assertThat(updated.getJsonArray("topics")).containsExactly("graphs", "greedy");
    assertThat(updated.getString("slug")).isEqualTo(created.getString("slug"));
    assertThat(updated.getString("createdAt")).isEqualTo(created.getString("createdAt"));
    assertThat(updated.getString("updatedAt")).isGreaterThan(created.getString("updatedAt"));
  }

  @Test
  @DisplayName("An update may carry the version in the body instead of If-Match")
  void updateWithBodyVersion() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    JsonObject body = created.copy().put("title", "Parcel Trio");
    HttpResponse<Buffer> response = service.put("/questions/" + created.getString("id"), service.admin, body, null);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("title")).isEqualTo("Parcel Trio");
    assertThat(response.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
  }

  @Test
  @DisplayName("An update made to a stale version is a 412 that tells the current version, and changes nothing")
  void staleUpdate() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    String path = "/questions/" + created.getString("id");
    assertThat(service.put(path, service.admin, question("First edit", "Easy", "arrays"), "\"1\"").statusCode()).isEqualTo(200);
    JsonObject problem = assertProblem(service.put(path, service.admin, question("Second edit", "Easy", "arrays"), "\"1\""), 412, "version 2");
    assertThat(problem.getInteger("currentVersion")).isEqualTo(2);
    assertThat(service.get(path, service.user).bodyAsJsonObject().getString("title")).isEqualTo("First edit");
  }

  @Test
  @DisplayName("Two concurrent updates of the same version: exactly one wins and the other gets 412")
  void concurrentUpdates() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    String path = "/questions/" + created.getString("id");
    Future<HttpResponse<Buffer>> a = service.request(HttpMethod.PUT, path, service.admin).putHeader("If-Match", "\"1\"")
      .sendJsonObject(question("Edit A", "Easy", "arrays"));
    Future<HttpResponse<Buffer>> b = service.request(HttpMethod.PUT, path, service.admin).putHeader("If-Match", "\"1\"")
      .sendJsonObject(question("Edit B", "Easy", "arrays"));
    TestService.await(Future.join(a, b));
    assertThat(List.of(a.result().statusCode(), b.result().statusCode())).containsExactlyInAnyOrder(200, 412);
    JsonObject stored = service.get(path, service.user).bodyAsJsonObject();
    assertThat(stored.getInteger("version")).isEqualTo(2);
    assertThat(stored.getString("title")).isEqualTo(a.result().statusCode() == 200 ? "Edit A" : "Edit B");
  }

  @Test
  @DisplayName("An update without any version is a 428 that says how to send one")
  void updateWithoutVersion() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    assertProblem(service.put("/questions/" + created.getString("id"), service.admin, question("Edit", "Easy", "arrays"), null), 428, "If-Match");
  }

  @Test
  @DisplayName("An update whose If-Match and body version disagree, or whose If-Match is not a version, is a 400")
  void conflictingVersions() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    String path = "/questions/" + created.getString("id");
    assertProblem(service.put(path, service.admin, question("Edit", "Easy", "arrays").put("version", 2), "\"1\""), 400, "body says version 2");
    assertProblem(service.put(path, service.admin, question("Edit", "Easy", "arrays"), "\"abc\""), 400, "If-Match");
    assertProblem(service.put(path, service.admin, question("Edit", "Easy", "arrays").put("version", "one"), null), 400, "whole number");
  }

  @Test
  @DisplayName("Renaming a question to another's title in another case is a 409 and keeps both as they were")
  void duplicateTitleOnUpdate() {
    service.create(question("Parcel Pair", "Easy", "arrays"));
    JsonObject other = service.create(question("Ring Rotation", "Easy", "arrays"));
    String path = "/questions/" + other.getString("id");
    assertProblem(service.put(path, service.admin, question("parcel PAIR", "Easy", "arrays"), "\"1\""), 409, "already titled");
    JsonObject stored = service.get(path, service.user).bodyAsJsonObject();
    assertThat(stored.getString("title")).isEqualTo("Ring Rotation");
    assertThat(stored.getInteger("version")).isEqualTo(1);
  }

  @Test
  @DisplayName("Updating an unknown question is a 404, and a malformed id a 400")
  void updateUnknown() {
    assertProblem(service.put("/questions/" + java.util.UUID.randomUUID(), service.admin, question("Edit", "Easy", "arrays"), "\"1\""), 404, "No question");
    assertProblem(service.put("/questions/not-a-uuid", service.admin, question("Edit", "Easy", "arrays"), "\"1\""), 400, "not a valid id");
  }

  @Test
  @DisplayName("Deleting a question purges it: 204, then 404 to read it and 404 to delete it again")
  void delete() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    String path = "/questions/" + created.getString("id");
    HttpResponse<Buffer> response = service.delete(path, service.admin);
    assertThat(response.statusCode()).isEqualTo(204);
    assertProblem(service.get(path, service.user), 404, "No question");
    assertProblem(service.delete(path, service.admin), 404, "No question");
    JsonObject arrays = service.get("/topics", service.user).bodyAsJsonObject().getJsonArray("items").stream()
      .map(JsonObject.class::cast).filter(t -> t.getString("slug").equals("arrays")).findFirst().orElseThrow();
    assertThat(arrays.getLong("total")).isZero();
  }

  @Test
  @DisplayName("Deleting with a malformed id is a 400")
  void deleteMalformed() {
    assertProblem(service.delete("/questions/12345", service.admin), 400, "not a valid id");
  }
}
