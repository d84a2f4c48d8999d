package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.escpos.PrinterStatus;
import hallq.bridge.printer.QrMode;
import hallq.bridge.serial.JsscSerialLink;
import hallq.bridge.serial.Pty;
import hallq.bridge.serial.SerialLinkException;
import hallq.bridge.serial.SerialSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator as the device at the far end of a real pseudo-terminal, behind a jssc link. */
class EscPosPrinterSimulatorPtyTest {

  private static final long WAIT_SECONDS = 5;

  private final BlockingQueue<PrintedTicket> printed = new LinkedBlockingQueue<>();
  private final BlockingQueue<Byte> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<SerialLinkException> linkFailure = new CompletableFuture<>();
  private final CompletableFuture<Throwable> deviceFailure = new CompletableFuture<>();
  private ExecutorService device;
  private Pty pty;
  private JsscSerialLink link;
  private EscPosPrinterSimulator printer;

  @BeforeEach
  void connect() throws IOException {
    pty = Pty.open();
    link = JsscSerialLink.open(SerialSettings.of(pty.slavePath(), 9600));
    link.receive(this::collect, linkFailure::complete);
    printer = new EscPosPrinterSimulator(this::reply);
    device = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "printer-simulator " + pty.slavePath());
      t.setDaemon(true);
      return t;
    });
    device.execute(this::runPrinter);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    if (link != null) {
      link.close();
    }
    if (pty != null) {
      pty.close();
    }
    if (device != null) {
      device.shutdownNow();
      assertTrue(device.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "simulator stopped");
    }
  }

  @Test
  void nativeTicketSentThroughTheLinkIsPrintedWithItsUrl() throws Exception {
    link.write(EscPosPrinterSimulatorTest.TICKET.escPos(QrMode.NATIVE));

    PrintedTicket ticket = nextTicket();
    assertEquals(EscPosPrinterSimulatorTest.TICKET_LINES, ticket.texts());
    assertEquals(List.of(EscPosPrinterSimulatorTest.URL), ticket.qrPayloads());
  }

  @Test
  void rasterTicketSentThroughTheLinkPrintsAScannableQr() throws Exception {
    link.write(EscPosPrinterSimulatorTest.TICKET.escPos(QrMode.RASTER));

    PrintedTicket ticket = nextTicket();
    assertEquals(EscPosPrinterSimulatorTest.TICKET_LINES, ticket.texts());
    assertEquals(EscPosPrinterSimulatorTest.URL, QrImages.decode(ticket.images().get(0)));
  }

  @Test
  void statusRequestIsAnsweredBackThroughTheLink() throws Exception {
    link.write(PrinterStatus.request(PrinterStatus.PAPER_SENSOR));
    assertTrue(PrinterStatus.decode(PrinterStatus.PAPER_SENSOR, nextReply()).isOk());

    printer.paperOut(true);
    link.write(PrinterStatus.request(PrinterStatus.PAPER_SENSOR));
    PrinterStatus status = PrinterStatus.decode(PrinterStatus.PAPER_SENSOR, nextReply());

    assertTrue(status.valid());
    assertTrue(status.has(PrinterStatus.Condition.PAPER_END));
    assertEquals(0x72, status.raw());
  }

  private PrintedTicket nextTicket() throws InterruptedException {
    PrintedTicket ticket = printed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(ticket, () -> "no ticket within " + WAIT_SECONDS + " s; " + failures());
    return ticket;
  }

  private byte nextReply() throws InterruptedException {
    Byte reply = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(reply, () -> "no status reply within " + WAIT_SECONDS + " s; " + failures());
    return reply;
  }

  private String failures() {
    return "link: " + linkFailure.getNow(null) + ", device: " + deviceFailure.getNow(null);
  }

  private void collect(byte[] chunk) {
    for (byte b : chunk) {
      received.add(b);
    }
  }

  private void reply(int status) {
    try {
      pty.masterOutput().write(status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void runPrinter() {
    InputStream in = pty.masterInput();
    byte[] buffer = new byte[1024];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        printed.addAll(printer.feed(Arrays.copyOf(buffer, n)));
      }
    } catch (IOException | RuntimeException e) {
      deviceFailure.complete(e);
    }
  }
}
