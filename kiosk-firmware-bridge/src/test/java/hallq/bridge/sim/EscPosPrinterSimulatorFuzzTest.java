package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.FuzzFeed;
import hallq.bridge.escpos.PrinterStatus;
import hallq.bridge.printer.QrMode;
import hallq.bridge.printer.TicketPrintout;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EscPosPrinterSimulatorFuzzTest {

  private static final int CHUNKS = 100_000;
  private static final byte[] COMMAND_BYTES =
      {0x0A, 0x10, 0x04, 0x1B, 0x1C, 0x1D, 0x21, 0x28, 0x6B, 0x76, 0x30, 0x56, 0x40, 0x61};

  @Test
  void randomChunksNeverThrowAndDecodeAlikeHoweverTheyAreSplit() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), this::fuzz);
  }

  private void fuzz() {
    Random random = new Random(20261127);
    byte[][] tickets = {
        EscPosPrinterSimulatorTest.TICKET.escPos(QrMode.NATIVE),
        new TicketPrintout("政务服务大厅", "不动产登记", "B107", "2026-11-27 14:30", 0,
            "https://hallq.example/t/Zq81").escPos(QrMode.NATIVE)};
    List<byte[]> chunks = new ArrayList<>(CHUNKS);
    for (int i = 0; i < CHUNKS; i++) {
      chunks.add(switch (random.nextInt(4)) {
        case 0 -> tickets[random.nextInt(tickets.length)];
        case 1 -> corrupted(tickets[random.nextInt(tickets.length)], random);
        case 2 -> PrinterStatus.request(1 + random.nextInt(4));
        default -> garbage(random, random.nextInt(48));
      });
    }

    List<Integer> replies = new ArrayList<>();
    EscPosPrinterSimulator printer = new EscPosPrinterSimulator(replies::add);
    List<PrintedTicket> printed = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      printed.addAll(printer.feed(chunk));
      stream.writeBytes(chunk);
    }

    List<Integer> resplitReplies = new ArrayList<>();
    EscPosPrinterSimulator resplit = new EscPosPrinterSimulator(resplitReplies::add);
    List<PrintedTicket> resplitPrinted = FuzzFeed.inRandomChunks(
        stream.toByteArray(), random, resplit::feed, resplit::skippedBytes);

    assertTrue(printed.size() > CHUNKS / 10, "many tickets are cut: " + printed.size());
    assertTrue(printer.skippedBytes() > 0, "garbage is skipped");
    assertTrue(replies.stream().allMatch(b -> b == EscPosPrinterSimulator.STATUS_FINE));
    assertEquals(printed, resplitPrinted);
    assertEquals(replies, resplitReplies);
    assertEquals(printer.skippedBytes(), resplit.skippedBytes());
  }

  private static byte[] corrupted(byte[] ticket, Random random) {
    byte[] copy = ticket.clone();
    copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
    return copy;
  }

  // Command bytes are over-represented so that garbage often starts or cuts a command.
  private static byte[] garbage(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(4) == 0) {
        bytes[i] = COMMAND_BYTES[random.nextInt(COMMAND_BYTES.length)];
      }
    }
    return bytes;
  }
}
