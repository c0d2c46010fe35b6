package peerprep.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A GitHub Actions workflow under .github/workflows, read as YAML. */
public record Workflow(Path file, Map<String, Object> document) {

  public static Workflow load(String name) {
    Path file = Repo.root().resolve(".github/workflows").resolve(name);
    try {
      Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      return new Workflow(file, document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> job(String name) {
    Map<String, Object> jobs = (Map<String, Object>) document.get("jobs");
    Object job = jobs.get(name);
    if (job == null) {
      throw new AssertionError(file + " has no job " + name);
    }
    return (Map<String, Object>) job;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> steps(String job) {
    return (List<Map<String, Object>>) job(job).get("steps");
  }

  /** The step of a job using the action (owner/name, any version). */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> uses(String job, String action) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> step : steps(job)) {
      Object uses = step.get("uses");
      if (uses instanceof String s && s.startsWith(action + "@")) {
        found.add(step);
      }
    }
    return found;
  }

  /** Every run: script of a job, in order. */
  public List<String> runs(String job) {
    List<String> runs = new ArrayList<>();
    for (Map<String, Object> step : steps(job)) {
      if (step.get("run") instanceof String run) {
        runs.add(run);
      }
    }
    return runs;
  }

  @SuppressWarnings("unchecked")
  public List<String> allUses() {
    List<String> all = new ArrayList<>();
    for (Object job : ((Map<String, Object>) document.get("jobs")).values()) {
      for (Map<String, Object> step : (List<Map<String, Object>>) ((Map<String, Object>) job).getOrDefault("steps", List.of())) {
        if (step.get("uses") instanceof String uses) {
          all.add(uses);
        }
      }
    }
    return all;
  }
}
