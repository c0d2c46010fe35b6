package peerprep.common.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A second JVM on this one's test class path, talking in lines over its stdin and stdout: a benchmark
 * runs its clients there so the server's heap, CPU and file descriptors are measured alone. Its stderr
 * goes to this process's. Closing it waits a bounded time for it to end, then kills it.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final long limitMinutes;

  private ChildJvm(Process process, long limitMinutes) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.limitMinutes = limitMinutes;
  }

  /** Starts {@code main} with a heap of {@code maxHeap} (as {@code -Xmx} takes it) and these arguments. */
  public static ChildJvm start(Class<?> main, String maxHeap, long limitMinutes, List<String> args) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-cp", classpath(main), main.getName()));
    command.addAll(args);
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start(), limitMinutes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + main.getName(), e);
    }
  }

  /** The next line of the child's output that starts with {@code prefix}, skipping others. */
  public String expect(String prefix) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("the child process ended before printing " + prefix);
  }

  /** Writes one line to the child's input. */
  public void send(String line) {
    try {
      in.write(line + "\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.waitFor(limitMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path that loaded {@code main}, also when a Maven plugin's own class path is the JVM's. */
  private static String classpath(Class<?> main) {
    List<String> entries = new ArrayList<>();
    for (ClassLoader loader = main.getClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          entries.add(new File(url.getPath()).getPath());
        }
      }
    }
    return entries.isEmpty() ? System.getProperty("java.class.path")
      : entries.stream().distinct().collect(Collectors.joining(File.pathSeparator));
  }
}
