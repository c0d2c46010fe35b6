package peerprep.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The services the platform deploys, as the rest of the project defines them. */
public final class Expected {

  public record Service(
      String name, String module, int port, String prefix, boolean sticky, String database,
      boolean redis, List<String> secrets) {

    public boolean java() {
      return port == 8000;
    }
  }

  public static final List<Service> SERVICES = List.of(
      new Service("user-service", "user", 8000, "/user-service-api", false, "user_db", true,
          List.of("DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN", "JWT_PRIVATE_KEY", "ADMIN_PASSWORD")),
      new Service("question-service", "question", 8000, "/question-service-api", false, "question_db", true,
          List.of("DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN")),
      new Service("matching-service", "matching", 8000, "/matching-service-api", true, "matching_db", true,
          List.of("DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN")),
      new Service("history-service", "history", 8000, "/history-service-api", false, "history_db", true,
          List.of("DB_PASSWORD", "REDIS_AUTH_TOKEN", "INTERNAL_TOKEN")),
      new Service("collaboration-service", "collab", 8000, "/collaboration-service-api", true, null, true,
          List.of("REDIS_AUTH_TOKEN", "INTERNAL_TOKEN")),
      new Service("chat-service", "chat", 8000, "/chat-service-api", true, null, true,
          List.of("REDIS_AUTH_TOKEN", "INTERNAL_TOKEN")),
      new Service("execution-service", "execution", 8000, "/execution-service-api", false, null, false, List.of()),
      new Service("frontend", "web", 8080, null, false, null, false, List.of()));

  public static Map<String, Service> byName() {
    return SERVICES.stream().collect(Collectors.toMap(Service::name, s -> s));
  }

  private Expected() {}
}
