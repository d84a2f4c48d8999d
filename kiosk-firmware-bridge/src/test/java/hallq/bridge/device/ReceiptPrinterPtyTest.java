package hallq.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import hallq.bridge.escpos.Bitmap;
import hallq.bridge.printer.QrMode;
import hallq.bridge.printer.TicketPrintout;
import hallq.bridge.sim.EscPosPrinterSimulator;
import hallq.bridge.sim.PrintedTicket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printer driver on a real pty, the printer simulator at the far end behind a symlink. */
class ReceiptPrinterPtyTest {

  static final String URL = "https://hallq.example/t/Q3v8NwZr";
  static final TicketPrintout TICKET = new TicketPrintout(
      "海淀区政务服务中心", "社会保障业务", "A012", "2026-11-27 09:05", 3, URL);

  @TempDir
  Path dir;

  private final BlockingQueue<PrintedTicket> printed = new LinkedBlockingQueue<>();
  private Rig rig;
  private EscPosPrinterSimulator simulator;

  @BeforeEach
  void plugIn() throws IOException {
    rig = new Rig(dir, "printer-kiosk-1");
    simulator = new EscPosPrinterSimulator(status -> rig.device.send(new byte[] {(byte) status}));
    rig.device.start(chunk -> printed.addAll(simulator.feed(chunk)));
  }

  @AfterEach
  void unplug() {
    rig.close();
  }

  @Test
  void nativeQrTicketIsPrintedWithItsNumberAndUrl() throws Exception {
    new ReceiptPrinter(rig.port, QrMode.NATIVE).print(TICKET);

    PrintedTicket ticket = nextTicket();
    assertEquals("A012", ticket.texts().get(2));
    assertEquals(TICKET.peopleAheadLine(), ticket.texts().get(3));
    assertEquals(List.of(URL), ticket.qrPayloads());
  }

  @Test
  void rasterQrTicketIsPrintedWithAScannableUrl() throws Exception {
    new ReceiptPrinter(rig.port, QrMode.RASTER).print(TICKET);

    PrintedTicket ticket = nextTicket();
    assertEquals("A012", ticket.texts().get(2));
    assertEquals(List.of(), ticket.qrPayloads());
    assertEquals(URL, decode(ticket.images().get(0)));
  }

  @Test
  void statusIsOkWhenNothingIsReported() {
    assertEquals(PrinterCondition.OK, status());
  }

  @Test
  void statusReportsPaperNearEnd() {
    simulator.paperNearEnd(true);

    assertEquals(PrinterCondition.PAPER_NEAR_END, status());
  }

  @Test
  void statusReportsPaperOut() {
    simulator.paperOut(true);

    assertEquals(PrinterCondition.PAPER_OUT, status());
  }

  @Test
  void statusReportsCoverOpen() {
    simulator.coverOpen(true);

    assertEquals(PrinterCondition.COVER_OPEN, status());
  }

  @Test
  @DisplayName("DLE EOT 2 报错时再问 DLE EOT 3：切刀故障")
  void statusAsksTheErrorCauseAndReportsACutterError() {
    simulator.cutterError(true);

    assertEquals(PrinterCondition.CUTTER_ERROR, status());
  }

  @Test
  void coverOpenWinsOverPaperOutAndPaperOutOverNearEnd() {
    simulator.paperNearEnd(true);
    simulator.paperOut(true);
    assertEquals(PrinterCondition.PAPER_OUT, status());

    simulator.coverOpen(true);
    assertEquals(PrinterCondition.COVER_OPEN, status());
  }

  @Test
  void statusIsOfflineWhenThePrinterIsUnplugged() {
    assertEquals(PrinterCondition.OK, status());

    rig.device.unplug();

    assertEquals(PrinterCondition.OFFLINE, status());
  }

  @Test
  void aStatusRequestDoesNotPrintAnything() throws Exception {
    ReceiptPrinter printer = new ReceiptPrinter(rig.port, QrMode.NATIVE);
    printer.print(TICKET);
    assertNotNull(nextTicket());

    assertEquals(PrinterCondition.OK, printer.status(Rig.REPLY_TIMEOUT));

    assertNull(printed.poll());
    assertEquals(0, simulator.skippedBytes());
  }

  private PrinterCondition status() {
    return new ReceiptPrinter(rig.port, QrMode.NATIVE).status(Rig.REPLY_TIMEOUT);
  }

  private PrintedTicket nextTicket() throws InterruptedException {
    PrintedTicket ticket = printed.poll(Rig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(ticket, "no ticket within " + Rig.WAIT);
    return ticket;
  }

  /** Scans the printed raster with zxing, the way a phone would. */
  static String decode(Bitmap image) throws ReaderException {
    int[] pixels = new int[image.width() * image.height()];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        pixels[y * image.width() + x] = image.isBlack(x, y) ? 0xFF000000 : 0xFFFFFFFF;
      }
    }
    RGBLuminanceSource source = new RGBLuminanceSource(image.width(), image.height(), pixels);
    String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)))
        .getText();
    assertTrue(text != null && !text.isEmpty());
    return text;
  }
}
