package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.PortConfig;
import hallq.bridge.device.DevicePort;
import hallq.bridge.device.PortState;
import hallq.bridge.serial.SerialSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * One serial port and the one worker thread that does all its I/O, in submission order, so requests
 * on an RS-485 bus never overlap and serial I/O never runs on an event loop. Results and port state
 * changes come back on the bridge's context.
 */
final class PortRunner {
  private final PortConfig config;
  private final DevicePort port;
  private final WorkerExecutor worker;
  private volatile boolean closed;

  PortRunner(Vertx vertx, PortConfig config, Consumer<PortState> onState) {
    Context context = vertx.getOrCreateContext();
    this.config = config;
    this.port = new DevicePort(SerialSettings.forDevice(config.path(), config.baudRate(), config.parity()),
        state -> context.runOnContext(v -> onState.accept(state)));
    this.worker = vertx.createSharedWorkerExecutor("hallq-port " + config.path(), 1);
  }

  PortConfig config() {
    return config;
  }

  DevicePort port() {
    return port;
  }

  /** Runs blocking device work on this port's thread, after everything submitted before it. */
  <T> Future<T> run(Callable<T> work) {
    if (closed) {
      return Future.failedFuture(config.path() + " is closed: the bridge is stopping");
    }
    return worker.executeBlocking(work, true);
  }

  /** Closes the port after the work already submitted; done once the port's last state change was heard. */
  Future<Void> close() {
    closed = true;
    return worker.executeBlocking(() -> {
      port.close();
      return null;
    }, true).eventually(() -> worker.close()).mapEmpty();
  }
}
