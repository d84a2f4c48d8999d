package hallq.bridge;

import hallq.bridge.app.BridgeConfig;
import hallq.bridge.app.BridgeConfigLoader;
import hallq.bridge.app.BridgeVerticle;
import hallq.bridge.sim.SimulatedDevices;
import hallq.support.Api;
import hallq.support.TempDirs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The demo hall's bridge ({@code config/bridge.json}) run by a test: its ports are simulated devices
 * on real pseudo-terminals in a temporary folder, it talks to {@code serverPort} over loopback HTTP,
 * and its timings are shortened. Closing it stops the bridge and every simulator.
 */
final class BridgeBench implements AutoCloseable {
  static final Path BRIDGE_CONFIG = Path.of("..", "config", "bridge.json");

  final SimulatedDevices devices;
  final BridgeVerticle bridge;
  private final Vertx vertx;
  private final String deployment;

  private BridgeBench(Vertx vertx, SimulatedDevices devices, BridgeVerticle bridge, String deployment) {
    this.vertx = vertx;
    this.devices = devices;
    this.bridge = bridge;
    this.deployment = deployment;
  }

  static BridgeBench start(Vertx vertx, int serverPort, Consumer<JsonObject> tweak) {
    try {
      JsonObject json = new JsonObject(Files.readString(BRIDGE_CONFIG));
      Path dir = TempDirs.create("hallq-devices");
      json.getJsonObject("server").put("url", "http://127.0.0.1:" + serverPort);
      json.getJsonObject("timing")
          .put("reconnectMinMillis", 100)
          .put("reconnectMaxMillis", 400)
          .put("deviceRetryMaxMillis", 300)
          .put("busPollMillis", 50)
          .put("printerStatusMillis", 300)
          .put("ratingWindowSeconds", 2)
          .put("requestMillis", 3000);
      JsonArray ports = json.getJsonArray("ports");
      for (int i = 0; i < ports.size(); i++) {
        JsonObject port = ports.getJsonObject(i);
        port.put("path", dir.resolve(Path.of(port.getString("path")).getFileName()).toString());
      }
      tweak.accept(json);
      BridgeConfig config = BridgeConfigLoader.fromJson(json);
      SimulatedDevices devices = SimulatedDevices.start(config);
      BridgeVerticle bridge = new BridgeVerticle(config);
      String deployment = Api.await(vertx.deployVerticle(bridge));
      return new BridgeBench(vertx, devices, bridge, deployment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    Api.await(vertx.undeploy(deployment));
    devices.close();
  }
}
