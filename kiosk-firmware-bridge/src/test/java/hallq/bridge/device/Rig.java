package hallq.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.bridge.serial.Parity;
import hallq.bridge.serial.SerialSettings;
import hallq.bridge.sim.SimulatedSerialDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A simulated device on a real pty behind a stable symlink, and the bridge's {@link DevicePort}
 * opening that symlink through jssc, as in production.
 */
final class Rig implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(5);
  static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);

  final SimulatedSerialDevice device;
  final DevicePort port;
  final List<PortState> states = new CopyOnWriteArrayList<>();

  Rig(Path dir, String name) throws IOException {
    device = new SimulatedSerialDevice(name, dir.resolve(name));
    port = new DevicePort(
        SerialSettings.forDevice(device.path().toString(), 9600, Parity.NONE), states::add);
  }

  /** The online flags heard so far, in order. */
  List<Boolean> transitions() {
    return states.stream()
        .map(PortState::online)
        .toList();
  }

  void awaitTransitions(List<Boolean> expected) {
    await(() -> transitions().equals(expected),
        () -> "transitions " + expected + ", heard " + states);
    assertEquals(expected, transitions());
  }

  /** Polls a condition until it holds or {@link #WAIT} has passed. */
  static void await(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  @Override
  public void close() {
    port.close();
    device.close();
  }
}
