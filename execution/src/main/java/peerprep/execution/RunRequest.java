package peerprep.execution;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.text.StorableText;
import peerprep.common.vocab.Language;
import peerprep.execution.sandbox.LanguageRuntime;

import java.nio.charset.StandardCharsets;

/**
 * A run asked of the service: the language, the code and an optional stdin. The document's RunRequest schema
 * has checked the types and the language; the caps come from the config and answer 413.
 */
record RunRequest(LanguageRuntime language, String code, String stdin) {

  static RunRequest fromJson(JsonObject body, int maxSourceChars, int maxStdinBytes) {
    String id = body.getString("language");
    LanguageRuntime language = Language.find(id).map(LanguageRuntime::of).orElseThrow(() -> ApiException.badRequest(
      "The field 'language' must be one of " + Language.choices() + ", not '" + id + "'."));
    String code = body.getString("code");
    if (code.isBlank()) {
      throw ApiException.badRequest("The field 'code' is required: there is nothing to run.");
    }
    if (code.length() > maxSourceChars) {
      throw ApiException.tooLarge("The code may have at most " + maxSourceChars + " characters; it has " + code.length() + ".");
    }
    String stdin = body.getString("stdin");
    if (stdin != null && stdin.getBytes(StandardCharsets.UTF_8).length > maxStdinBytes) {
      throw ApiException.tooLarge("The input may have at most " + maxStdinBytes + " bytes.");
    }
    return new RunRequest(language, StorableText.require("code", code), stdin == null ? "" : StorableText.require("stdin", stdin));
  }
}
