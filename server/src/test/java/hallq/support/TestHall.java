package hallq.support;

import hallq.HallqServer;
import hallq.config.ConfigLoader;
import hallq.config.HallqConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The demo hall from {@code config/hallq.json}, served by a real HallQ server over real HTTP on a
 * fresh database of the shared embedded PostgreSQL, with a clock the test controls.
 */
public final class TestHall implements AutoCloseable {
  public static final Path DEMO_CONFIG = Path.of("..", "config", "hallq.json");
  public static final String KIOSK = "demo-kiosk-1-token-change-me";
  public static final String DISPLAY = "demo-hall-display-token-change-me";
  public static final String CLERK_PASSWORD = "hallq-clerk";
  public static final String MANAGER_PASSWORD = "hallq-manager";
  /** Friday 2026-11-27 09:00 in Shanghai. */
  public static final Instant OPENING = Instant.parse("2026-11-27T01:00:00Z");

  public final Vertx vertx;
  public final MutableClock clock;
  public final HallqConfig config;
  public final HallqServer server;
  public final Api api;
  /** A direct connection to the hall's database for checks (null when the server runs its own embedded one). */
  public final Pool db;

  private TestHall(Vertx vertx, MutableClock clock, HallqConfig config, HallqServer server) {
    this.vertx = vertx;
    this.clock = clock;
    this.config = config;
    this.server = server;
    this.api = new Api(vertx, server.port());
    this.db = config.db().embedded()
        ? null
        : PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.db().url())).using(vertx).build();
  }

  public static TestHall start(Vertx vertx) {
    return start(vertx, raw -> {});
  }

  /** Starts on a new database; {@code tweak} may change the demo config's JSON first. */
  public static TestHall start(Vertx vertx, Consumer<JsonObject> tweak) {
    return start(vertx, testConfig(TestDatabase.newDatabaseUrl(), tempDir(), tweak));
  }

  public static TestHall start(Vertx vertx, HallqConfig config) {
    MutableClock clock = new MutableClock(OPENING);
    HallqServer server = Api.await(HallqServer.start(vertx, config, clock));
    return new TestHall(vertx, clock, config, server);
  }

  public static HallqConfig testConfig(String dbUrl, Path dataDir, Consumer<JsonObject> tweak) {
    Map<String, String> env = new HashMap<>();
    env.put("HALLQ_DB_URL", dbUrl);
    env.put("HALLQ_HTTP_PORT", "0");
    env.put("HALLQ_HTTP_HOST", "127.0.0.1");
    env.put("HALLQ_DATA_DIR", dataDir.toString());
    env.put("HALLQ_DEMO_SIMULATED_DEVICES", "false");
    JsonObject raw = ConfigLoader.readRaw(DEMO_CONFIG, env);
    // Tests stand at any hour of any day (browser tests use the real clock): open unless a test says otherwise.
    raw.getJsonObject("hall").put("openingHours", new io.vertx.core.json.JsonArray());
    tweak.accept(raw);
    return ConfigLoader.fromJson(raw);
  }

  /** A directory of the test's own, deleted when the test JVM exits. */
  public static Path tempDir() {
    return TempDirs.create("hallq-test");
  }

  /** Signs a clerk in to a counter: clerk01 … clerk12. */
  public String clerk(int counterNo) {
    return login(String.format("clerk%02d", counterNo), CLERK_PASSWORD, counterNo);
  }

  public String manager() {
    return login("manager", MANAGER_PASSWORD, null);
  }

  public String login(String username, String password, Integer counterNo) {
    Reply reply = tryLogin(username, password, counterNo);
    if (reply.status() != 200) {
      throw new AssertionError("login failed: " + reply);
    }
    return reply.body().getString("token");
  }

  /** The login's reply, whatever it is. */
  public Reply tryLogin(String username, String password, Integer counterNo) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (counterNo != null) {
      body.put("counterNo", counterNo);
    }
    return api.post("/api/v1/auth/login", null, body);
  }

  /** Issues a ticket at the kiosk; fails the test unless it was created. */
  public JsonObject issue(String serviceCode) {
    return issue(serviceCode, null);
  }

  public JsonObject issue(String serviceCode, String priority) {
    JsonObject body = new JsonObject().put("serviceCode", serviceCode);
    if (priority != null) {
      body.put("priority", priority);
    }
    Reply reply = api.post("/api/v1/tickets", KIOSK, body);
    if (reply.status() != 201) {
      throw new AssertionError("issue failed: " + reply);
    }
    return reply.ticket().copy().put("citizenKey", reply.body().getString("citizenKey"));
  }

  /** A 社保医保 ticket issued, called, served and finished at counter 1 by the clerk signed in there. */
  public JsonObject finishedAtCounter1(String clerk) {
    JsonObject ticket = issue("SOCIAL_INSURANCE");
    for (String op : List.of("call-next", "start", "finish")) {
      Reply reply = counterOp(1, op, clerk);
      if (reply.status() != 200) {
        throw new AssertionError(op + " failed: " + reply);
      }
    }
    return ticket;
  }

  /**
   * A ticket served at this counter by its clerk and rated by its citizen (a 差评 with a reason);
   * counter 4 serves 不动产登记, the others 社保医保.
   */
  public void servedAndRated(int counterNo, int score) {
    JsonObject ticket = issue(counterNo == 4 ? "REAL_ESTATE" : "SOCIAL_INSURANCE");
    String clerk = clerk(counterNo);
    for (String op : List.of("call-next", "start", "finish")) {
      Reply reply = counterOp(counterNo, op, clerk);
      if (reply.status() != 200) {
        throw new AssertionError(op + " failed: " + reply);
      }
    }
    JsonObject rating = new JsonObject().put("score", score);
    if (score <= 2) {
      rating.put("reason", "LONG_WAIT");
    }
    Reply rated = asCitizen(ticket, "rating", rating);
    if (rated.status() != 201) {
      throw new AssertionError("rating failed: " + rated);
    }
  }

  /** What the citizen's phone does with the key from the ticket's QR link. */
  public Reply asCitizen(JsonObject ticket, String action, JsonObject body) {
    MultiMap key = MultiMap.caseInsensitiveMultiMap().add("Ticket-Key", ticket.getString("citizenKey"));
    return Api.await(api.send(HttpMethod.POST, "/api/v1/tickets/" + ticket.getString("id") + "/" + action, null, body, key));
  }

  /** The single number a query such as {@code SELECT count(*) …} returns. */
  public long count(String sql) {
    return Api.await(db.query(sql).execute()).iterator().next().getLong(0);
  }

  /** The event log of one ticket, oldest first. */
  public List<String> eventTypes(String ticketId) {
    var rows = Api.await(db.preparedQuery("SELECT type FROM ticket_event WHERE ticket_id = $1 ORDER BY id")
        .execute(Tuple.of(UUID.fromString(ticketId))));
    List<String> types = new ArrayList<>();
    rows.forEach(row -> types.add(row.getString("type")));
    return types;
  }

  public Reply counterOp(int counterNo, String op, String token) {
    return api.post("/api/v1/counters/" + counterNo + "/" + op, token);
  }

  @Override
  public void close() {
    api.close();
    if (db != null) {
      Api.await(db.close());
    }
    Api.await(server.close());
  }
}
