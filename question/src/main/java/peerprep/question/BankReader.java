package peerprep.question;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the question bank from the classpath: {@code <root>/index.json} names the topic files (a jar's
 * folders cannot be listed), each a JSON array of questions. Entries that fail validation are reported
 * and left out rather than stopping the service.
 */
public final class BankReader {
  private BankReader() {
  }

  /** The valid questions and a line per rejected entry. Blocking: call it off the event loop. */
  public record Bank(List<NewQuestion> questions, List<String> problems) {
  }

  public static Bank read(String root) {
    List<NewQuestion> questions = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String index = resource(root + "/index.json");
    if (index == null) {
      problems.add("No bank index at " + root + "/index.json");
      return new Bank(questions, problems);
    }
    Set<String> slugs = new HashSet<>();
    for (Object file : parseArray(index, root + "/index.json")) {
      String path = root + "/" + file;
      String text = resource(path);
      if (text == null) {
        problems.add(path + ": listed in the index but missing");
        continue;
      }
      JsonArray entries = parseArray(text, path);
      for (int i = 0; i < entries.size(); i++) {
        try {
          NewQuestion q = entry(entries.getValue(i));
          if (!slugs.add(q.slug())) {
            throw Fields.invalid("slug", "The slug '" + q.slug() + "' appears twice in the bank.");
          }
          questions.add(q);
        } catch (ApiException e) {
          problems.add(path + "[" + i + "]: " + e.getMessage());
        }
      }
    }
    return new Bank(questions, problems);
  }

  private static NewQuestion entry(Object value) {
    if (!(value instanceof JsonObject json)) {
      throw ApiException.badRequest("A bank entry must be a JSON object.");
    }
    NewQuestion q = NewQuestion.fromJson(json);
    if (q.slug() == null) {
      throw Fields.invalid("slug", "A bank question needs a slug.");
    }
    return q;
  }

  private static JsonArray parseArray(String text, String path) {
    try {
      return new JsonArray(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException("The bank file " + path + " is not a JSON array: " + e.getMessage(), e);
    }
  }

  private static String resource(String path) {
    try (InputStream in = BankReader.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
