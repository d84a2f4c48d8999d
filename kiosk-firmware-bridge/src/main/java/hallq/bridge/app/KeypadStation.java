package hallq.bridge.app;

import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.device.ClerkKeypad;
import hallq.bridge.pad.Key;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A counter's clerk keypad (呼叫器): polled on the bus; each key goes to the server, which acts for
 * the clerk signed in at that counter, and the keypad's display shows the answer — the called number,
 * NONE (无人等候), PAUSE, the refusal's code, or OFFLINE when the server cannot be reached.
 */
final class KeypadStation {
  private static final Logger LOG = LoggerFactory.getLogger(KeypadStation.class);
  static final String OFFLINE = "OFFLINE";
  private static final int DISPLAY_CHARS = 16;

  private final Vertx vertx;
  private final DeviceConfig device;
  private final PortRunner runner;
  private final BridgeConfig.Timing timing;
  private final ServerApi server;
  private final ClerkKeypad keypad;
  private boolean polling;

  KeypadStation(Vertx vertx, DeviceConfig device, PortRunner runner, BridgeConfig.Timing timing, ServerApi server) {
    this.vertx = vertx;
    this.device = device;
    this.runner = runner;
    this.timing = timing;
    this.server = server;
    this.keypad = new ClerkKeypad(runner.port(), device.address());
  }

  void start() {
    vertx.setPeriodic(timing.busPoll().toMillis(), id -> poll());
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    runner.run(() -> keypad.poll(timing.reply()))
        .compose(this::handle)
        .onComplete(done -> {
          polling = false;
          if (done.failed()) {
            LOG.debug("Keypad {} poll failed: {}", device.id(), done.cause().toString());
          }
        });
  }

  private Future<Void> handle(List<Key> keys) {
    Future<Void> chain = Future.succeededFuture();
    for (Key key : keys) {
      chain = chain.compose(v -> press(key));
    }
    return chain;
  }

  private Future<Void> press(Key key) {
    return server.key(device.counterNo(), key.name())
        .map(reply -> reply.ok() ? reply.body().getString("display", "") : reply.errorCode())
        .otherwise(OFFLINE)
        .compose(text -> runner.run(() -> {
          keypad.show(fit(text), timing.reply());
          return null;
        }));
  }

  /** The display takes 16 printable ASCII characters. */
  static String fit(String text) {
    String ascii = text.replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() > DISPLAY_CHARS ? ascii.substring(0, DISPLAY_CHARS) : ascii;
  }
}
