package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.PtyBench;
import hallq.bridge.escpos.PrinterStatus;
import hallq.bridge.printer.QrMode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator as the device at the far end of a real pseudo-terminal, behind a jssc link. */
class EscPosPrinterSimulatorPtyTest {

  private final BlockingQueue<PrintedTicket> printed = new LinkedBlockingQueue<>();
  private final BlockingQueue<Byte> received = new LinkedBlockingQueue<>();
  private PtyBench bench;
  private EscPosPrinterSimulator printer;

  @BeforeEach
  void connect() throws IOException {
    bench = PtyBench.open("printer-simulator", this::collect);
    printer = new EscPosPrinterSimulator(status -> bench.deviceSends(new byte[] {(byte) status}));
    bench.start(chunk -> printed.addAll(printer.feed(chunk)));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void nativeTicketSentThroughTheLinkIsPrintedWithItsUrl() throws Exception {
    bench.link().write(EscPosPrinterSimulatorTest.TICKET.escPos(QrMode.NATIVE));

    PrintedTicket ticket = nextTicket();
    assertEquals(EscPosPrinterSimulatorTest.TICKET_LINES, ticket.texts());
    assertEquals(List.of(EscPosPrinterSimulatorTest.URL), ticket.qrPayloads());
  }

  @Test
  void rasterTicketSentThroughTheLinkPrintsAScannableQr() throws Exception {
    bench.link().write(EscPosPrinterSimulatorTest.TICKET.escPos(QrMode.RASTER));

    PrintedTicket ticket = nextTicket();
    assertEquals(EscPosPrinterSimulatorTest.TICKET_LINES, ticket.texts());
    assertEquals(EscPosPrinterSimulatorTest.URL, QrImages.decode(ticket.images().get(0)));
  }

  @Test
  void statusRequestIsAnsweredBackThroughTheLink() throws Exception {
    bench.link().write(PrinterStatus.request(PrinterStatus.PAPER_SENSOR));
    assertTrue(PrinterStatus.decode(PrinterStatus.PAPER_SENSOR, nextReply()).isOk());

    printer.paperOut(true);
    bench.link().write(PrinterStatus.request(PrinterStatus.PAPER_SENSOR));
    PrinterStatus status = PrinterStatus.decode(PrinterStatus.PAPER_SENSOR, nextReply());

    assertTrue(status.valid());
    assertTrue(status.has(PrinterStatus.Condition.PAPER_END));
    assertEquals(0x72, status.raw());
  }

  private PrintedTicket nextTicket() throws InterruptedException {
    PrintedTicket ticket = printed.poll(PtyBench.WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(ticket, () -> "no ticket within " + PtyBench.WAIT_SECONDS + " s; " + bench.failures());
    return ticket;
  }

  private byte nextReply() throws InterruptedException {
    Byte reply = received.poll(PtyBench.WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(reply, () -> "no status reply within " + PtyBench.WAIT_SECONDS + " s; " + bench.failures());
    return reply;
  }

  private void collect(byte[] chunk) {
    for (byte b : chunk) {
      received.add(b);
    }
  }
}
