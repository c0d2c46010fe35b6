package peerprep.common.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.http.ApiException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorableTextTest {

  @Test
  @DisplayName("Ordinary text, emoji (a surrogate pair) and an empty string can be stored")
  void ordinaryText() {
    assertEquals(-1, StorableText.firstRefused("def f(x):\n  return x"));
    assertEquals(-1, StorableText.firstRefused("ok \uD83D\uDE00 done"));
    assertEquals(-1, StorableText.firstRefused(""));
    assertEquals(-1, StorableText.firstRefused(null));
  }

  @Test
  @DisplayName("A NUL character is refused at its position")
  void nul() {
    assertEquals(1, StorableText.firstRefused("a\u0000b"));
  }

  @Test
  @DisplayName("An unpaired high or low surrogate is refused")
  void loneSurrogates() {
    assertEquals(2, StorableText.firstRefused("ab\uD83D"));
    assertEquals(2, StorableText.firstRefused("ab\uD83Dc"));
    assertEquals(0, StorableText.firstRefused("\uDE00ab"));
  }

  @Test
  @DisplayName("require answers a 400 that names the field and the character")
  void requireNamesTheField() {
    ApiException e = assertThrows(ApiException.class, () -> StorableText.require("identifier", "a\u0000b"));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("'identifier'"), e.getMessage());
    assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
    assertEquals("fine", StorableText.require("identifier", "fine"));
  }

  @Test
  @DisplayName("A JSON tree is searched through objects, arrays and keys, naming the path")
  void jsonTree() {
    JsonObject ok = new JsonObject().put("a", new JsonArray().add("x").add(1).add(new JsonObject().put("b", "y")));
    assertNull(StorableText.findInJson(ok, ""));
    JsonObject bad = new JsonObject().put("a", new JsonArray().add("x").add(new JsonObject().put("b", "y\u0000")));
    String problem = StorableText.findInJson(bad, "");
    assertTrue(problem.contains("'a[1].b'"), problem);
    JsonObject badKey = new JsonObject().put("k\u0000", 1);
    assertTrue(StorableText.findInJson(badKey, "").contains("field name"));
    ApiException e = assertThrows(ApiException.class, () -> StorableText.requireJson(bad));
    assertEquals(400, e.status());
  }
}
