package hallq;

import hallq.auth.PasswordHasher;
import hallq.config.ConfigException;
import hallq.config.ConfigLoader;
import hallq.config.HallqConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar hallq-server.jar} starts the server with {@code config/hallq.json} (or the file
 * named by {@code HALLQ_CONFIG}); {@code java -jar hallq-server.jar hash-password} reads a password
 * on standard input and prints the hash to put in the config's {@code users}.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals("hash-password")) {
      printPasswordHash();
      return;
    }
    Map<String, String> env = System.getenv();
    HallqConfig config;
    try {
      JsonObject raw = ConfigLoader.readRaw(ConfigLoader.configFile(env), env);
      config = ConfigLoader.fromJson(raw);
      LOG.info("Configuration from {}: {}", ConfigLoader.configFile(env).toAbsolutePath(), ConfigLoader.masked(raw).encode());
    } catch (ConfigException e) {
      System.err.println("HallQ cannot start: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    HallqServer.start(vertx, config, Clock.systemUTC())
        .onSuccess(server -> {
          LOG.info("HallQ is ready: http://localhost:{}/  (API description: /api/v1/openapi.yaml)", server.port());
          Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, server), "hallq-shutdown"));
        })
        .onFailure(e -> {
          LOG.error("HallQ failed to start", e);
          vertx.close();
          System.exit(1);
        });
  }

  /**
   * Best effort: Vert.x may already be tearing its threads down in its own shutdown hook, so this
   * waits a few seconds only. The embedded PostgreSQL's own hook stops it cleanly either way.
   */
  private static void stop(Vertx vertx, HallqServer server) {
    try {
      server.close().compose(v -> vertx.close()).await(5, TimeUnit.SECONDS);
      LOG.info("HallQ stopped");
    } catch (Exception e) {
      LOG.info("HallQ stopping: {}", e.toString());
    }
  }

  private static void printPasswordHash() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String password = in.readLine();
    if (password == null || password.isEmpty()) {
      System.err.println("Type the password on standard input.");
      System.exit(2);
    }
    System.out.println(new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS).hash(password));
  }
}
