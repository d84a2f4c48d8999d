package hallq.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.serial.JsscSerialLink;
import hallq.bridge.serial.Pty;
import hallq.bridge.serial.SerialLinkException;
import hallq.bridge.serial.SerialSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A simulated device on a real pseudo-terminal: the bridge side is a {@link JsscSerialLink} on the
 * slave, exactly as on a /dev/ttyUSB0; the device side reads the master on its own thread.
 */
public final class PtyBench implements AutoCloseable {
  public static final long WAIT_SECONDS = 5;

  private final Pty pty;
  private final JsscSerialLink link;
  private final ExecutorService device;
  private final CompletableFuture<SerialLinkException> linkFailure = new CompletableFuture<>();
  private final CompletableFuture<Throwable> deviceFailure = new CompletableFuture<>();

  private PtyBench(Pty pty, JsscSerialLink link, ExecutorService device) {
    this.pty = pty;
    this.link = link;
    this.device = device;
  }

  /**
   * Opens the pair; {@code toBridge} receives what the device sends, {@code toDevice} what the bridge
   * writes (on the device thread). Start the device with {@link #start}.
   */
  public static PtyBench open(String deviceName, Consumer<byte[]> toBridge) throws IOException {
    Pty pty = Pty.open();
    JsscSerialLink link = JsscSerialLink.open(SerialSettings.of(pty.slavePath(), 9600));
    ExecutorService device = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, deviceName + " " + pty.slavePath());
      t.setDaemon(true);
      return t;
    });
    PtyBench bench = new PtyBench(pty, link, device);
    link.receive(toBridge, bench.linkFailure::complete);
    return bench;
  }

  /** Runs the device: every chunk the bridge wrote goes to {@code toDevice}. */
  public void start(Consumer<byte[]> toDevice) {
    device.execute(() -> {
      InputStream in = pty.masterInput();
      byte[] buffer = new byte[1024];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          toDevice.accept(Arrays.copyOf(buffer, n));
        }
      } catch (IOException | RuntimeException e) {
        deviceFailure.complete(e);
      }
    });
  }

  public JsscSerialLink link() {
    return link;
  }

  /** The device answers the bridge. */
  public void deviceSends(byte[] bytes) {
    try {
      pty.masterOutput().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For failure messages: what went wrong on either side, if anything. */
  public String failures() {
    return "link: " + linkFailure.getNow(null) + ", device: " + deviceFailure.getNow(null);
  }

  @Override
  public void close() throws InterruptedException {
    link.close();
    pty.close();
    device.shutdownNow();
    assertTrue(device.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "simulator stopped");
  }
}
