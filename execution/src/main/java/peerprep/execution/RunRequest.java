package peerprep.execution;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;
import peerprep.common.text.StorableText;
import peerprep.common.vocab.Language;
import peerprep.execution.sandbox.LanguageRuntime;

import java.nio.charset.StandardCharsets;

/** A run asked of the service: the language, the code and an optional stdin, checked against the caps. */
record RunRequest(LanguageRuntime language, String code, String stdin) {

  static RunRequest fromJson(JsonObject body, int maxSourceChars, int maxStdinBytes) {
    String id = Bodies.requiredString(body, "language");
    LanguageRuntime language = Language.find(id).map(LanguageRuntime::of).orElseThrow(() -> ApiException.badRequest(
      "The field 'language' must be one of " + Language.choices() + ", not '" + id + "'."));
    String code = Bodies.optionalString(body, "code");
    if (code == null || code.isBlank()) {
      throw ApiException.badRequest("The field 'code' is required: there is nothing to run.");
    }
    if (code.length() > maxSourceChars) {
      throw ApiException.tooLarge("The code may have at most " + maxSourceChars + " characters; it has " + code.length() + ".");
    }
    String stdin = Bodies.optionalString(body, "stdin");
    if (stdin != null && stdin.getBytes(StandardCharsets.UTF_8).length > maxStdinBytes) {
      throw ApiException.tooLarge("The input may have at most " + maxStdinBytes + " bytes.");
    }
    return new RunRequest(language, StorableText.require("code", code), stdin == null ? "" : StorableText.require("stdin", stdin));
  }
}
