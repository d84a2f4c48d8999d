package hallq.demo;

import hallq.bridge.app.BridgeConfig;
import hallq.bridge.app.BridgeConfig.PortConfig;
import hallq.bridge.app.BridgeConfigLoader;
import hallq.bridge.app.BridgeVerticle;
import hallq.bridge.sim.SimulatedDevices;
import hallq.config.HallqConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's hardware: the bridge of {@code demo.bridgeConfig}, run in this process against this
 * server over loopback HTTP, with each of its serial ports replaced by a simulated device on a real
 * pseudo-terminal under {@code <dataDir>/devices/}. The bridge opens them through jssc as it would
 * open the real ports.
 */
public final class DemoDevices {
  private static final Logger LOG = LoggerFactory.getLogger(DemoDevices.class);

  private volatile SimulatedDevices devices;
  private String bridgeDeployment;

  /** The simulators, once started. */
  public Optional<SimulatedDevices> devices() {
    return Optional.ofNullable(devices);
  }

  public Future<Void> start(Vertx vertx, HallqConfig config, int serverPort) {
    return vertx.executeBlocking(() -> {
      BridgeConfig configured = BridgeConfigLoader.load(config.demo().bridgeConfig(), Map.of());
      BridgeConfig simulated = simulated(configured, serverPort, config.dataDir().toAbsolutePath().resolve("devices"));
      devices = SimulatedDevices.start(simulated);
      return simulated;
    }).compose(simulated -> vertx.deployVerticle(new BridgeVerticle(simulated)))
        .onSuccess(id -> {
          bridgeDeployment = id;
          LOG.info("Demo: the bridge of {} runs here with simulated devices (see /devices/)", config.demo().bridgeConfig());
        })
        .mapEmpty();
  }

  public Future<Void> close(Vertx vertx) {
    Future<Void> undeployed = bridgeDeployment == null ? Future.succeededFuture() : vertx.undeploy(bridgeDeployment);
    return undeployed.eventually(() -> vertx.executeBlocking(() -> {
      if (devices != null) {
        devices.close();
      }
      return null;
    }, false)).mapEmpty();
  }

  /** The same bridge, talking to this server on loopback, its ports replaced by simulated ones. */
  static BridgeConfig simulated(BridgeConfig configured, int serverPort, Path deviceDir) {
    var server = new BridgeConfig.Server(URI.create("http://127.0.0.1:" + serverPort), configured.server().token());
    var ports = configured.ports().stream()
        .map(port -> new PortConfig(deviceDir.resolve(Path.of(port.path()).getFileName()).toString(), port.baudRate(), port.parity(), port.devices()))
        .toList();
    return new BridgeConfig(server, configured.timing(), ports);
  }
}
