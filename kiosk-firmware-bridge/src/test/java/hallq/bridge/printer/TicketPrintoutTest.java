package hallq.bridge.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hallq.bridge.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TicketPrintoutTest {

  static final String URL = "https://hallq.example/t/7fK2pQ9xLm";
  static final TicketPrintout TICKET = new TicketPrintout(
      "海淀区政务服务中心", "社会保障业务", "A012", "2026-11-27 09:05", 3, URL);

  // GB18030 pinned here rather than computed: the JDK's GB18030 edition may change.
  private static final String HALL_GB = "BA A3 B5 ED C7 F8 D5 FE CE F1 B7 FE CE F1 D6 D0 D0 C4";
  private static final String SERVICE_GB = "C9 E7 BB E1 B1 A3 D5 CF D2 B5 CE F1";
  private static final String AHEAD_3_GB = "C7 B0 C3 E6 BB B9 D3 D0 20 33 20 C8 CB";
  private static final String HINT_GB = "C9 A8 C2 EB B2 E9 BF B4 C5 C5 B6 D3 BD F8 B6 C8";

  @Test
  @DisplayName("NATIVE 号票的完整字节布局")
  void nativeTicketHasTheDocumentedByteLayout() {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    hex(expected, "1B 40");
    hex(expected, "1C 26");
    hex(expected, "1B 61 01");
    hex(expected, HALL_GB + " 0A");
    hex(expected, SERVICE_GB + " 0A");
    hex(expected, "1B 45 01");
    hex(expected, "1D 21 11");
    hex(expected, "41 30 31 32 0A");
    hex(expected, "1D 21 00");
    hex(expected, "1B 45 00");
    hex(expected, AHEAD_3_GB + " 0A");
    expected.writeBytes("2026-11-27 09:05".getBytes(StandardCharsets.US_ASCII));
    hex(expected, "0A");
    hex(expected, "1D 28 6B 04 00 31 41 32 00");
    hex(expected, "1D 28 6B 03 00 31 43 06");
    hex(expected, "1D 28 6B 03 00 31 45 31");
    hex(expected, "1D 28 6B 25 00 31 50 30");
    expected.writeBytes(URL.getBytes(StandardCharsets.US_ASCII));
    hex(expected, "1D 28 6B 03 00 31 51 30");
    hex(expected, HINT_GB + " 0A");
    hex(expected, "1B 64 04");
    hex(expected, "1D 56 01");

    assertEquals(Hex.spaced(expected.toByteArray()), Hex.spaced(TICKET.escPos(QrMode.NATIVE)));
  }

  @Test
  void rasterTicketSendsTheQrAsAGsV0Image() {
    byte[] nativeBytes = TICKET.escPos(QrMode.NATIVE);
    byte[] rasterBytes = TICKET.escPos(QrMode.RASTER);
    int qrStart = indexOf(nativeBytes, Hex.bytes("1D 28 6B"));

    assertEquals(Hex.spaced(Arrays.copyOf(nativeBytes, qrStart)),
        Hex.spaced(Arrays.copyOf(rasterBytes, qrStart)));
    assertEquals("1D 76 30 00",
        Hex.spaced(Arrays.copyOfRange(rasterBytes, qrStart, qrStart + 4)));
    byte[] tail = Hex.bytes(HINT_GB + " 0A 1B 64 04 1D 56 01");
    assertEquals(Hex.spaced(tail), Hex.spaced(
        Arrays.copyOfRange(rasterBytes, rasterBytes.length - tail.length, rasterBytes.length)));
  }

  @Test
  void refusesANegativeQueueAndAnEmptyUrl() {
    assertThrows(IllegalArgumentException.class,
        () -> new TicketPrintout("大厅", "业务", "A001", "09:00", -1, URL));
    assertThrows(IllegalArgumentException.class,
        () -> new TicketPrintout("大厅", "业务", "A001", "09:00", 0, ""));
  }

  @Test
  void refusesTextThePrinterFontCannotShow() {
    TicketPrintout rareName = new TicketPrintout("𠀀大厅", "业务", "A001", "09:00", 0, URL);

    assertThrows(IllegalArgumentException.class, () -> rareName.escPos(QrMode.NATIVE));
  }

  private static void hex(ByteArrayOutputStream out, String spaced) {
    out.writeBytes(Hex.bytes(spaced));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError(Hex.spaced(needle) + " not found");
  }
}
