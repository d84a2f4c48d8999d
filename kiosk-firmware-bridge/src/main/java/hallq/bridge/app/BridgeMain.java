package hallq.bridge.app;

import hallq.bridge.app.BridgeConfigLoader.BridgeConfigException;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar hallq-bridge.jar [config/bridge.json]}: runs the bridge until stopped. */
public final class BridgeMain {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeMain.class);

  private BridgeMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "config/bridge.json");
    BridgeConfig config;
    try {
      config = BridgeConfigLoader.load(file, System.getenv());
    } catch (BridgeConfigException e) {
      LOG.error("Bad bridge config {}: {}", file, e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new BridgeVerticle(config))
        .onFailure(e -> {
          LOG.error("The bridge did not start", e);
          vertx.close();
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
  }
}
