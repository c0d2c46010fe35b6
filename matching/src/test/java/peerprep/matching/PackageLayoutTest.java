package peerprep.matching;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The layering drawn in docs/matching.md, read from the sources' own imports. */
class PackageLayoutTest {
  private static final Path SOURCES = Path.of("src/main/java/peerprep/matching");
  private static final Pattern IMPORT = Pattern.compile("^import peerprep\\.matching\\.(?:(\\w+)\\.)?[A-Z]\\w*;", Pattern.MULTILINE);
  private static final String ROOT = "(root)";

  @Test
  @DisplayName("Packages depend downwards only: root on live, making, peers, queue; live on making and queue; making on peers and queue; peers on queue; queue on none")
  void packagesFormLayers() {
    assertThat(packageImports()).isEqualTo(Map.of(
      ROOT, Set.of("live", "making", "peers", "queue"),
      "live", Set.of("making", "queue"),
      "making", Set.of("peers", "queue"),
      "peers", Set.of("queue"),
      "queue", Set.of()));
  }

  @Test
  @DisplayName("Among the socket's pieces only MatchSocket knows the others: the hub and the following know no socket class")
  void socketPiecesDoNotHoldEachOther() {
    assertThat(mentions("live/SocketHub.java")).doesNotContain("MatchSocket", "Following");
    assertThat(mentions("live/Following.java")).doesNotContain("MatchSocket", "SocketHub");
    assertThat(mentions("queue/MatchRecord.java")).doesNotContain("Pairing");
  }

  private static Map<String, Set<String>> packageImports() {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
        Path dir = SOURCES.relativize(f).getParent();
        String from = dir == null ? ROOT : dir.toString();
        Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(read(f));
        while (m.find()) {
          String target = m.group(1) == null ? ROOT : m.group(1);
          if (!target.equals(from)) {
            to.add(target);
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** The class names a source file uses. */
  private static Set<String> mentions(String file) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\b[A-Z]\\w*\\b").matcher(read(SOURCES.resolve(file)));
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
