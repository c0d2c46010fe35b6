package peerprep.question;

import java.text.Normalizer;
import java.util.Locale;

/** URL-friendly names derived from titles. */
final class Slugs {
  static final int MAX_LENGTH = 80;

  private Slugs() {
  }

  /** "Pair With Target Sum!" → "pair-with-target-sum"; a title with no letter or digit gives "question". */
  static String fromTitle(String title) {
    String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "question" : slug;
  }
}
