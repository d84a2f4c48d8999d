package hallq.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.printer.QrMode;
import hallq.bridge.serial.SerialLinkException;
import hallq.bridge.serial.SerialSettings;
import hallq.bridge.sim.EscPosPrinterSimulator;
import hallq.bridge.sim.PrintedTicket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port on real ptys reached through a stable symlink: exchanges, unplug, replug, states. */
class DevicePortPtyTest {

  private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  private Rig rig;
  private ExecutorService worker;

  @BeforeEach
  void setUp() {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bridge-worker test");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (rig != null) {
      rig.close();
    }
    worker.shutdownNow();
    assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS));
  }

  private Rig rig(Consumer<byte[]> deviceFeed) throws Exception {
    rig = new Rig(dir, "device-1");
    rig.device.start(deviceFeed);
    return rig;
  }

  /** A device that answers every chunk with noise, then the reply {@code pong}. */
  private Consumer<byte[]> ponger() {
    return chunk -> rig.device.send("\u0000xx?pong\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** Collects text until a newline, skipping everything up to {@code pong}. */
  private static ReplyReader<String> lineReader() {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    return chunk -> {
      seen.writeBytes(chunk);
      String text = seen.toString(StandardCharsets.US_ASCII);
      int start = text.indexOf("pong");
      int end = text.indexOf('\n', Math.max(start, 0));
      return start >= 0 && end > start ? Optional.of(text.substring(start, end))
          : Optional.empty();
    };
  }

  @Test
  void opensLazilyAndReturnsTheReplyPastNoise() throws Exception {
    rig(ponger());
    assertFalse(rig.port.isOpen());

    assertEquals("pong", rig.port.exchange(PING, lineReader(), Rig.REPLY_TIMEOUT));

    assertTrue(rig.port.isOpen());
    assertEquals(List.of(true), rig.transitions());
    assertEquals(rig.device.path().toString(), rig.states.get(0).path());
  }

  @Test
  void aSilentDeviceTimesOutNamingPortAndTimeoutAndThePortStaysOpen() throws Exception {
    rig(chunk -> { });
    Duration timeout = Duration.ofMillis(200);

    DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
        () -> rig.port.exchange(PING, lineReader(), timeout));

    assertEquals(rig.device.path().toString(), e.portName());
    assertEquals(timeout, e.timeout());
    assertTrue(e.getMessage().contains(rig.device.path().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
    assertTrue(rig.port.isOpen());
    assertEquals(List.of(true), rig.transitions());
  }

  @Test
  void unplugWhileAwaitingAReplyFailsTheExchangeAtOnceAndGoesOfflineOnce() throws Exception {
    CompletableFuture<byte[]> requestArrived = new CompletableFuture<>();
    rig(requestArrived::complete);
    Duration longTimeout = Duration.ofSeconds(30);
    Future<String> exchange =
        worker.submit(() -> rig.port.exchange(PING, lineReader(), longTimeout));
    requestArrived.get(Rig.WAIT.toMillis(), TimeUnit.MILLISECONDS);

    rig.device.unplug();

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> exchange.get(Rig.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(e.getCause() instanceof SerialLinkException, e.getCause().toString());
    rig.awaitTransitions(List.of(true, false));
    assertFalse(rig.port.isOpen());
  }

  @Test
  void unplugBeforeAPrintFailsItAndTheRetryAfterReplugPrintsItExactlyOnce() throws Exception {
    BlockingQueue<PrintedTicket> printed = new LinkedBlockingQueue<>();
    rig = new Rig(dir, "printer-kiosk-1");
    EscPosPrinterSimulator simulator =
        new EscPosPrinterSimulator(status -> rig.device.send(new byte[] {(byte) status}));
    rig.device.start(chunk -> printed.addAll(simulator.feed(chunk)));
    ReceiptPrinter printer = new ReceiptPrinter(rig.port, QrMode.NATIVE);
    assertEquals(PrinterCondition.OK, printer.status(Rig.REPLY_TIMEOUT));

    rig.device.unplug();
    assertThrows(SerialLinkException.class,
        () -> printer.print(ReceiptPrinterPtyTest.TICKET));
    // Still unplugged: the next attempt tries to reopen and fails the same way, no new state.
    assertThrows(SerialLinkException.class,
        () -> printer.print(ReceiptPrinterPtyTest.TICKET));
    assertFalse(rig.port.isOpen());
    rig.awaitTransitions(List.of(true, false));

    rig.device.plug();
    printer.print(ReceiptPrinterPtyTest.TICKET);

    PrintedTicket ticket = printed.poll(Rig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(ticket, "the retried ticket was not printed");
    assertEquals("A012", ticket.texts().get(2));
    // Bytes are interpreted in order: once the status is answered, nothing else is on its way.
    assertEquals(PrinterCondition.OK, printer.status(Rig.REPLY_TIMEOUT));
    assertNull(printed.poll());
    assertEquals(List.of(true, false, true), rig.transitions());
  }

  @Test
  void theLinkFailureAloneTakesThePortOfflineWithoutAnyCall() throws Exception {
    rig(ponger());
    rig.port.exchange(PING, lineReader(), Rig.REPLY_TIMEOUT);

    rig.device.unplug();

    rig.awaitTransitions(List.of(true, false));
    Rig.await(() -> !rig.port.isOpen(), () -> "port closed after the link failed");
    assertFalse(rig.states.get(1).detail().isEmpty());
  }

  @Test
  void aPortThatCannotOpenReportsOfflineOnceAndOnlineWhenTheDeviceAppears() throws Exception {
    rig(ponger());
    rig.device.unplug();

    assertThrows(SerialLinkException.class, () -> rig.port.write(PING));
    assertThrows(SerialLinkException.class, () -> rig.port.write(PING));
    assertEquals(List.of(false), rig.transitions());

    rig.device.plug();
    assertEquals("pong", rig.port.exchange(PING, lineReader(), Rig.REPLY_TIMEOUT));
    assertEquals(List.of(false, true), rig.transitions());
  }

  @Test
  void aSymlinkedPtyIsOpenedAlthoughItsPathHidesThePtsPrefix() throws Exception {
    rig(ponger());

    assertTrue(SerialSettings.isPseudoTerminal(rig.device.path().toString()));
    assertTrue(rig.device.slavePath().startsWith("/dev/pts/"));
    assertEquals("pong", rig.port.exchange(PING, lineReader(), Rig.REPLY_TIMEOUT));
  }

  @Test
  void closeReportsOfflineAndRefusesFurtherCalls() throws Exception {
    rig(ponger());
    rig.port.write(PING);

    rig.port.close();

    assertFalse(rig.port.isOpen());
    assertEquals(List.of(true, false), rig.transitions());
    assertThrows(IllegalStateException.class, () -> rig.port.write(PING));
    assertEquals(0, Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("serial-reader " + rig.device.path()))
        .count());
  }
}
