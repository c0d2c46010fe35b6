package peerprep.question;

import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;
import peerprep.common.vocab.Difficulty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters, order and page of a question listing, parsed from the query string. A page is either the one
 * after a cursor ({@code after}, null for the first) or, for older clients, a page number ({@code page}, 0 when
 * the request uses cursors).
 */
public record ListQuery(List<String> topics, List<Difficulty> difficulties, String searchQuery, Sort sort,
                        boolean descending, int page, int size, Cursor after) {
  static final int MAX_PAGE = 10_000;
  static final int MAX_SIZE = 100;
  static final int MAX_SEARCH_LENGTH = 200;
  static final int MAX_SEARCH_WORDS = 10;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /** The fields a listing can be sorted by, as clients name them. */
  public enum Sort {
    TITLE("title"), DIFFICULTY("difficulty"), CREATED_AT("createdAt"), UPDATED_AT("updatedAt");

    private final String param;

    Sort(String param) {
      this.param = param;
    }

    String param() {
      return param;
    }

    /** How many values the sort key has: the sorted field, then a unique tie-breaker when the field is not one. */
    int keyColumns() {
      return this == TITLE ? 1 : 2;
    }

    static Sort parse(String value) {
      for (Sort s : values()) {
        if (s.param.equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw ApiException.badRequest("The query parameter 'sort' must be one of title, difficulty, createdAt, updatedAt,"
        + " optionally followed by ':asc' or ':desc'; got '" + value + "'.");
    }
  }

  public static ListQuery fromRequest(RoutingContext ctx) {
    List<String> topics = values(ctx, "topic");
    for (String topic : topics) {
      if (!NewQuestion.SLUG.matcher(topic).matches()) {
        throw ApiException.badRequest("The topic '" + topic + "' is not a lower-case slug such as 'two-pointers'.");
      }
    }
    List<Difficulty> difficulties = values(ctx, "difficulty").stream()
      .map(d -> Difficulty.parse(d, "difficulty filter")).distinct().toList();
    String sortParam = ctx.queryParams().get("sort");
    String[] sort = sortParam == null || sortParam.isBlank() ? new String[]{"title"} : sortParam.trim().split(":", 2);
    boolean descending = sort.length > 1 && direction(sort[1]);
    Sort order = Sort.parse(sort[0]);
    Cursor after = cursor(ctx, order, descending);
    int page = after == null || ctx.queryParams().contains("page") ? ContractRouter.intQuery(ctx, "page", 1) : 0;
    return new ListQuery(topics, difficulties, searchQuery(ctx.queryParams().get("q")), order, descending,
      page, ContractRouter.intQuery(ctx, "size", 20), after);
  }

  public int offset() {
    return page == 0 ? 0 : (page - 1) * size;
  }

  /** Whether a total can be read from the kept counts: a search or several topics would need counting rows. */
  public boolean countable() {
    return searchQuery == null && topics.size() <= 1;
  }

  private static Cursor cursor(RoutingContext ctx, Sort sort, boolean descending) {
    String value = ctx.queryParams().get("after");
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (ctx.queryParams().contains("page")) {
      throw ApiException.badRequest("Give either 'after' (the cursor of the previous page) or 'page', not both.");
    }
    Cursor cursor = Cursor.parse(value);
    if (cursor.sort() != sort || cursor.descending() != descending) {
      throw ApiException.badRequest("The cursor 'after' belongs to a listing sorted by " + cursor.sort().param()
        + (cursor.descending() ? ":desc" : ":asc") + "; keep that sort for its next pages or leave 'after' out.");
    }
    return cursor;
  }

  private static boolean direction(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "asc" -> false;
      case "desc" -> true;
      default -> throw ApiException.badRequest("The sort direction must be 'asc' or 'desc', not '" + value + "'.");
    };
  }

  /** Every value of a repeatable parameter, commas also separating values. */
  private static List<String> values(RoutingContext ctx, String name) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String value : ctx.queryParam(name)) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * A full-text query matching every word of the search as a prefix ("rev tree" finds "Reverse a tree").
   * Only letters and digits reach PostgreSQL, so no input can make the query malformed.
   */
  static String searchQuery(String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    if (q.length() > MAX_SEARCH_LENGTH) {
      throw ApiException.badRequest("The search 'q' may have at most " + MAX_SEARCH_LENGTH + " characters.");
    }
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(q.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group() + ":*");
    }
    if (words.isEmpty()) {
      throw ApiException.badRequest("The search 'q' needs at least one letter or digit.");
    }
    if (words.size() > MAX_SEARCH_WORDS) {
      throw ApiException.badRequest("The search 'q' may have at most " + MAX_SEARCH_WORDS + " words.");
    }
    return String.join(" & ", words);
  }
}
