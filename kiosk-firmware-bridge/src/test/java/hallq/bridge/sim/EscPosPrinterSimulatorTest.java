package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.FuzzFeed;
import hallq.bridge.Hex;
import hallq.bridge.escpos.Alignment;
import hallq.bridge.escpos.EscPosEncoder;
import hallq.bridge.escpos.PrinterStatus;
import hallq.bridge.printer.QrMode;
import hallq.bridge.printer.TicketPrintout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EscPosPrinterSimulatorTest {

  static final String URL = "https://hallq.example/t/7fK2pQ9xLm";
  static final TicketPrintout TICKET = new TicketPrintout(
      "海淀区政务服务中心", "社会保障业务", "A012", "2026-11-27 09:05", 3, URL);
  static final List<String> TICKET_LINES = List.of(
      "海淀区政务服务中心", "社会保障业务", "A012", "前面还有 3 人", "2026-11-27 09:05",
      "扫码查看排队进度");

  private final List<Integer> replies = new ArrayList<>();
  private final EscPosPrinterSimulator printer =
      new EscPosPrinterSimulator(replies::add);

  @Test
  @DisplayName("原生二维码号票解回原文和网址")
  void nativeTicketDecodesBackToItsLinesAndUrl() {
    List<PrintedTicket> tickets = printer.feed(TICKET.escPos(QrMode.NATIVE));

    assertEquals(1, tickets.size());
    PrintedTicket ticket = tickets.get(0);
    assertEquals(TICKET_LINES, ticket.texts());
    assertEquals(List.of(URL), ticket.qrPayloads());
    assertEquals(List.of(), ticket.images());
    assertEquals(0, printer.skippedBytes());
  }

  @Test
  void ticketNumberIsBoldAtDoubleSizeAndEverythingIsCentred() {
    PrintedTicket ticket = printer.feed(TICKET.escPos(QrMode.NATIVE)).get(0);

    assertEquals(new PrintedLine("A012", Alignment.CENTER, true, 2, 2), ticket.lines().get(2));
    assertEquals(new PrintedLine("前面还有 3 人", Alignment.CENTER, false, 1, 1),
        ticket.lines().get(3));
    assertTrue(ticket.lines().stream().allMatch(line -> line.alignment() == Alignment.CENTER));
  }

  @Test
  @DisplayName("光栅二维码号票的图像用 zxing 解回网址")
  void rasterTicketImageDecodesWithZxingToTheUrl() throws Exception {
    PrintedTicket ticket = printer.feed(TICKET.escPos(QrMode.RASTER)).get(0);

    assertEquals(TICKET_LINES, ticket.texts());
    assertEquals(List.of(), ticket.qrPayloads());
    assertEquals(1, ticket.images().size());
    assertEquals(URL, QrImages.decode(ticket.images().get(0)));
    assertEquals(0, printer.skippedBytes());
  }

  @Test
  void randomChunksGiveTheSameTicketsAsOneWholeFeed() {
    byte[] stream = concat(TICKET.escPos(QrMode.NATIVE), TICKET.escPos(QrMode.RASTER),
        TICKET.escPos(QrMode.NATIVE));
    List<PrintedTicket> whole = new EscPosPrinterSimulator(b -> { }).feed(stream);

    EscPosPrinterSimulator chunked = new EscPosPrinterSimulator(b -> { });
    List<PrintedTicket> pieces =
        FuzzFeed.inRandomChunks(stream, new Random(7), chunked::feed, chunked::skippedBytes);

    assertEquals(3, whole.size());
    assertEquals(whole, pieces);
  }

  @Test
  @DisplayName("DLE EOT n 正常时回 0x12，缺纸时回缺纸状态")
  void answersStatusRequestsAndReportsPaperOut() {
    printer.feed(PrinterStatus.request(PrinterStatus.PAPER_SENSOR));
    printer.paperOut(true);
    printer.feed(PrinterStatus.request(PrinterStatus.PAPER_SENSOR));
    printer.feed(PrinterStatus.request(PrinterStatus.OFFLINE_CAUSE));

    assertEquals(List.of(0x12, 0x72, 0x32), replies);
    assertTrue(decode(PrinterStatus.PAPER_SENSOR, replies.get(0)).isOk());
    assertTrue(decode(PrinterStatus.PAPER_SENSOR, replies.get(1))
        .has(PrinterStatus.Condition.PAPER_END));
    assertTrue(decode(PrinterStatus.OFFLINE_CAUSE, replies.get(2))
        .has(PrinterStatus.Condition.STOPPED_AT_PAPER_END));
  }

  @Test
  void statusRequestSplitAcrossChunksIsAnsweredOnce() {
    printer.feed(Hex.bytes("10"));
    printer.feed(Hex.bytes("04"));
    assertEquals(List.of(), replies);

    printer.feed(Hex.bytes("01"));
    assertEquals(List.of(0x12), replies);
  }

  @Test
  void unknownAndMalformedBytesAreSkippedAndCounted() {
    byte[] noise = Hex.bytes(
        "1B 74" // ESC t: unknown, only ESC is skipped, 't' prints
        + " 1B 61 07" // ESC a 7: bad alignment, skipped whole
        + " 10 04 09" // DLE EOT 9: no such status, skipped whole
        + " 0D 80 FF" // CR and two bytes that cannot start a GB character
        + " B0 0A"); // a GB lead byte with a bad second byte, then LF
    byte[] text = new EscPosEncoder().text("号").newline().partialCut().toBytes();

    List<PrintedTicket> tickets = printer.feed(concat(noise, text));

    assertEquals(List.of("t", "号"), tickets.get(0).texts());
    assertEquals(1 + 3 + 3 + 3 + 1, printer.skippedBytes());
    assertEquals(List.of(), replies);
  }

  @Test
  void textOutsideChineseModeSkipsGbBytes() {
    byte[] bytes = new EscPosEncoder()
        .chineseMode(false)
        .text("A号")
        .chineseMode(true)
        .text("号")
        .newline()
        .fullCut()
        .toBytes();

    assertEquals(List.of("A号"), printer.feed(bytes).get(0).texts());
    assertEquals(2, printer.skippedBytes());
  }

  private static PrinterStatus decode(int function, int reply) {
    return PrinterStatus.decode(function, (byte) reply);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }
}
