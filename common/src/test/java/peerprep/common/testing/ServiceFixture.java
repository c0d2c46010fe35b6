package peerprep.common.testing;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import peerprep.common.auth.Auth;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one fixture of the services' integration tests, registered as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final ServiceFixture<QuestionVerticle> service = ServiceFixture.of(QuestionVerticle::new)
 *   .database().config("QUESTION_BANK_ENABLED", false).truncating("questions", "images");
 * }</pre>
 * Once per test class it starts a Vert.x instance, a token issuer with its JWKS ({@link TestAuth}, behind
 * {@code USER_SERVICE_URL}), the companions (stub peers), a fresh database on the embedded PostgreSQL named
 * after the class when asked, and deploys the service on a free port against the embedded Redis. Before
 * each test it empties the tables named, flushes Redis when asked, and runs the test class's own resets.
 * After the class it stops everything in the reverse order.
 *
 * @param <V> the service's verticle
 */
public final class ServiceFixture<V extends Deployable> implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final Supplier<V> factory;
  private final JsonObject overrides = new JsonObject();
  private final List<Supplier<JsonObject>> lateConfig = new ArrayList<>();
  private final List<Function<Vertx, Future<? extends Companion>>> companionStarters = new ArrayList<>();
  private final List<String> tables = new ArrayList<>();
  private final List<Consumer<ServiceFixture<V>>> resets = new ArrayList<>();
  private boolean database;
  private boolean flushRedis;
  private int initialInstances = 1;
  private Class<?> owner;
  private Running<V> running;

  private ServiceFixture(Supplier<V> factory) {
    this.factory = factory;
  }

  /** A fixture deploying verticles made by {@code factory}. */
  public static <V extends Deployable> ServiceFixture<V> of(Supplier<V> factory) {
    return new ServiceFixture<>(factory);
  }

  /** Gives the service a fresh database on the embedded PostgreSQL, named after the test class. */
  public ServiceFixture<V> database() {
    this.database = true;
    return this;
  }

  /** A config key of every deployment of the class. */
  public ServiceFixture<V> config(String key, Object value) {
    overrides.put(key, value);
    return this;
  }

  /** Config keys of every deployment of the class. */
  public ServiceFixture<V> config(JsonObject keys) {
    overrides.mergeIn(keys);
    return this;
  }

  /** Config keys computed when the class starts (a temporary directory, a fresh key). */
  public ServiceFixture<V> config(Supplier<JsonObject> keys) {
    lateConfig.add(keys);
    return this;
  }

  /** Starts a companion (a stub peer) before the service and points the service at it. */
  public ServiceFixture<V> with(Function<Vertx, Future<? extends Companion>> start) {
    companionStarters.add(start);
    return this;
  }

  /** Tables emptied before each test ({@code TRUNCATE … RESTART IDENTITY CASCADE}). */
  public ServiceFixture<V> truncating(String... tableNames) {
    tables.addAll(List.of(tableNames));
    return this;
  }

  /** Empties Redis before each test. */
  public ServiceFixture<V> flushingRedis() {
    this.flushRedis = true;
    return this;
  }

  /** More reset before each test, after the tables and Redis were emptied. */
  public ServiceFixture<V> resetting(Consumer<ServiceFixture<V>> reset) {
    resets.add(reset);
    return this;
  }

  /** How many instances (each its own port, like tasks) start with the class; 0 for tests that deploy their own. */
  public ServiceFixture<V> instances(int count) {
    this.initialInstances = count;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (running != null) {
      return;
    }
    owner = context.getRequiredTestClass();
    Vertx vertx = Vertx.vertx();
    running = new Running<>(vertx, Await.of(TestAuth.start(vertx)));
    for (Function<Vertx, Future<? extends Companion>> start : companionStarters) {
      running.companions.add(Await.of(start.apply(vertx)));
    }
    running.config = baseConfig(context);
    if (database) {
      running.db = pool(vertx, running.config.getString("DB_NAME"));
    }
    running.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(running.config.getInteger("PORT")).setIdleTimeout(120), new PoolOptions().setHttp1MaxSize(32));
    for (int i = 0; i < initialInstances; i++) {
      deploy(i == 0 ? new JsonObject() : new JsonObject().put("PORT", EmbeddedRedis.freePort()));
    }
  }

  private JsonObject baseConfig(ExtensionContext context) {
    JsonObject config = TestEnv.config(database ? databaseName(context.getRequiredTestClass()) : null)
      .put("USER_SERVICE_URL", running.auth.url());
    running.companions.forEach(c -> config.mergeIn(c.config()));
    config.mergeIn(overrides);
    lateConfig.forEach(keys -> config.mergeIn(keys.get()));
    return config;
  }

  private static Pool pool(Vertx vertx, String name) {
    return PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(4))
      .connectingTo(new PgConnectOptions().setHost("localhost").setPort(EmbeddedDatabases.port()).setDatabase(name)
        .setUser(EmbeddedDatabases.user()).setPassword(EmbeddedDatabases.password()))
      .using(vertx).build();
  }

  /** A database name from a class name: {@code QuestionCreateTest} → {@code question_create_test}. */
  static String databaseName(Class<?> testClass) {
    String snake = testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    return snake.length() > 63 ? snake.substring(0, 63) : snake;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!tables.isEmpty()) {
      Await.of(running.db.query("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE").execute());
    }
    if (flushRedis) {
      EmbeddedRedis.flushAll();
    }
    resets.forEach(reset -> reset.accept(this));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (running == null || context.getRequiredTestClass() != owner) {
      return;
    }
    Running<V> r = running;
    running = null;
    List<Future<Void>> stops = new ArrayList<>();
    r.deployments().forEach(id -> stops.add(r.vertx.undeploy(id)));
    Await.of(Future.join(stops).recover(e -> Future.succeededFuture()));
    r.client.close();
    List<Future<Void>> closes = new ArrayList<>();
    if (r.db != null) {
      closes.add(r.db.close());
    }
    r.companions.forEach(c -> closes.add(c.close()));
    closes.add(r.auth.close());
    Await.of(Future.join(closes).recover(e -> Future.succeededFuture()));
    Await.of(r.vertx.close());
  }

  /** Deploys one more instance with the class's config and {@code extra} on top; its index. */
  public int deploy(JsonObject extra) {
    return Await.of(deployAsync(extra));
  }

  /** Deploys one more instance on a fresh port, as another task of the service would start; its index. */
  public int deployAnother() {
    return deploy(new JsonObject().put("PORT", EmbeddedRedis.freePort()));
  }

  /** Deploys one more instance; the future fails when the service refuses to start. */
  public Future<Integer> deployAsync(JsonObject extra) {
    JsonObject config = running.config.copy().mergeIn(extra);
    V verticle = factory.get();
    return running.vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
      .map(id -> running.add(new Instance<>(id, config, verticle)));
  }

  /**
   * Deploys {@code copies} verticles as one deployment on one fresh port, as a task running several event
   * loops does; their indexes (undeploying any of them stops all).
   */
  public List<Integer> deployCopies(int copies, JsonObject extra) {
    JsonObject config = running.config.copy().put("PORT", EmbeddedRedis.freePort()).mergeIn(extra);
    List<V> made = new ArrayList<>();
    String id = Await.of(running.vertx.deployVerticle(() -> {
      V verticle = factory.get();
      synchronized (made) {
        made.add(verticle);
      }
      return verticle;
    }, new DeploymentOptions().setConfig(config).setInstances(copies)));
    return made.stream().map(v -> running.add(new Instance<>(id, config, v))).toList();
  }

  /** Stops instance {@code i}; it keeps its slot and port, so {@link #redeploy} can start it again. */
  public void undeploy(int i) {
    String id = running.instances.get(i).deploymentId();
    if (running.vertx.deploymentIDs().contains(id)) {
      Await.of(running.vertx.undeploy(id));
    }
  }

  /** Starts instance {@code i} again on its port with its config. */
  public void redeploy(int i) {
    Instance<V> old = running.instances.get(i);
    V verticle = factory.get();
    String id = Await.of(running.vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(old.config())));
    running.instances.set(i, new Instance<>(id, old.config(), verticle));
  }

  public Vertx vertx() {
    return running.vertx;
  }

  /** The token issuer whose JWKS the service trusts. */
  public TestAuth auth() {
    return running.auth;
  }

  /** The companion of a type. */
  public <C extends Companion> C companion(Class<C> type) {
    return running.companions.stream().filter(type::isInstance).map(type::cast).findFirst()
      .orElseThrow(() -> new IllegalStateException("No companion of type " + type.getSimpleName()));
  }

  /** The config every deployment of the class starts from (a copy). */
  public JsonObject config() {
    return running.config.copy();
  }

  public int port() {
    return port(0);
  }

  public int port(int instance) {
    return running.instances.get(instance).config().getInteger("PORT");
  }

  public V verticle() {
    return verticle(0);
  }

  public V verticle(int instance) {
    return running.instances.get(instance).verticle();
  }

  public int instanceCount() {
    return running.instances.size();
  }

  /** A client aimed at instance 0 (pass a port to a request to reach another). */
  public WebClient http() {
    return running.client;
  }

  /** A request to instance 0 with a time limit. */
  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return running.client.request(method, path).timeout(Await.WAIT.toMillis());
  }

  /** A request to instance 0 carrying the service credential of {@code /internal} routes. */
  public HttpRequest<Buffer> internal(HttpMethod method, String path) {
    return request(method, path).putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);
  }

  /** The service's database, for assertions about rows and for driving repositories directly. */
  public Pool db() {
    if (running.db == null) {
      throw new IllegalStateException("This fixture has no database; call database()");
    }
    return running.db;
  }

  /** Runs a statement on the service's database and waits for its rows. */
  public RowSet<Row> sql(String statement, Object... params) {
    return Await.of(db().preparedQuery(statement).execute(Tuple.from(params)));
  }

  /** The first column of the first row of a {@code count(*)} query. */
  public long count(String statement, Object... params) {
    return sql(statement, params).iterator().next().getLong(0);
  }

  private static final class Running<V> {
    final Vertx vertx;
    final TestAuth auth;
    final List<Companion> companions = new ArrayList<>();
    final List<Instance<V>> instances = new ArrayList<>();
    JsonObject config;
    Pool db;
    WebClient client;

    Running(Vertx vertx, TestAuth auth) {
      this.vertx = vertx;
      this.auth = auth;
    }

    synchronized int add(Instance<V> instance) {
      instances.add(instance);
      return instances.size() - 1;
    }

    List<String> deployments() {
      return instances.stream().map(Instance::deploymentId).distinct()
        .filter(id -> vertx.deploymentIDs().contains(id)).toList();
    }
  }

  private record Instance<V>(String deploymentId, JsonObject config, V verticle) {
  }
}
