package hallq.bridge.escpos;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscPosEncoderTest {

  private static void assertBytes(String expectedHex, EscPosEncoder encoder) {
    assertEquals(expectedHex, Hex.spaced(encoder.toBytes()));
  }

  @Test
  void initializeIsEscAt() {
    assertBytes("1B 40", new EscPosEncoder().initialize());
  }

  @Test
  void chineseModeOnIsFsAmpersandAndOffIsFsDot() {
    assertBytes("1C 26", new EscPosEncoder().chineseMode(true));
    assertBytes("1C 2E", new EscPosEncoder().chineseMode(false));
  }

  @Test
  void alignmentsCarryTheirWireValues() {
    assertBytes("1B 61 00", new EscPosEncoder().align(Alignment.LEFT));
    assertBytes("1B 61 01", new EscPosEncoder().align(Alignment.CENTER));
    assertBytes("1B 61 02", new EscPosEncoder().align(Alignment.RIGHT));
  }

  @Test
  void boldOnAndOff() {
    assertBytes("1B 45 01", new EscPosEncoder().bold(true));
    assertBytes("1B 45 00", new EscPosEncoder().bold(false));
  }

  @ParameterizedTest
  @CsvSource({"1, 1, 1D 21 00", "2, 2, 1D 21 11", "2, 1, 1D 21 10", "1, 3, 1D 21 02",
      "8, 8, 1D 21 77"})
  void sizePacksWidthHighNibbleAndHeightLowNibble(int width, int height, String expected) {
    assertBytes(expected, new EscPosEncoder().size(width, height));
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "9, 1", "1, 0", "1, 9"})
  void sizeOutsideOneToEightIsRejected(int width, int height) {
    assertThrows(IllegalArgumentException.class, () -> new EscPosEncoder().size(width, height));
  }

  @Test
  void newlineIsLineFeed() {
    assertBytes("0A", new EscPosEncoder().newline());
  }

  @Test
  void feedIsEscDWithLineCount() {
    assertBytes("1B 64 03", new EscPosEncoder().feed(3));
    assertBytes("1B 64 FF", new EscPosEncoder().feed(255));
    assertThrows(IllegalArgumentException.class, () -> new EscPosEncoder().feed(256));
    assertThrows(IllegalArgumentException.class, () -> new EscPosEncoder().feed(-1));
  }

  @Test
  void fullAndPartialCut() {
    assertBytes("1D 56 00", new EscPosEncoder().fullCut());
    assertBytes("1D 56 01", new EscPosEncoder().partialCut());
  }

  @Test
  @DisplayName("叫号文本按 GB18030 双字节编码")
  void chineseTextEncodesToGbBytes() {
    assertBytes("C7 EB 41 30 30 31 BA C5 B5 BD 33 BA C5 B4 B0 BF DA B0 EC C0 ED",
        new EscPosEncoder().text("请A001号到3号窗口办理"));
  }

  @Test
  void latinAccentInGbkEncodesToTwoBytes() {
    assertBytes("A8 A6", new EscPosEncoder().text("é"));
  }

  @Test
  void supplementaryCharacterNeedingFourGbBytesIsRejectedByName() {
    EscPosEncoder encoder = new EscPosEncoder().text("张");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> encoder.text("王\uD840\uDC00"));
    assertTrue(error.getMessage().contains("U+20000 '\uD840\uDC00'"), error.getMessage());
    // The rejected call leaves nothing half-written.
    assertBytes("D5 C5", encoder);
  }

  @Test
  void bmpCharacterNeedingFourGbBytesIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new EscPosEncoder().text("\u3400"));
    assertTrue(error.getMessage().contains("U+3400"), error.getMessage());
  }

  @Test
  void controlCharactersInTextAreRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new EscPosEncoder().text("A\u001B@"));
    assertTrue(error.getMessage().contains("U+001B"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EscPosEncoder().text("A\nB"));
  }

  @Test
  void unpairedSurrogateIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new EscPosEncoder().text("A\uD840"));
    assertTrue(error.getMessage().contains("U+D840"), error.getMessage());
  }

  @Test
  void nativeQrEmitsModelSizeCorrectionStoreAndPrint() {
    assertBytes("1D 28 6B 04 00 31 41 32 00"
            + " 1D 28 6B 03 00 31 43 06"
            + " 1D 28 6B 03 00 31 45 31"
            + " 1D 28 6B 06 00 31 50 30 41 42 43"
            + " 1D 28 6B 03 00 31 51 30",
        new EscPosEncoder().nativeQr("ABC", 6, ErrorCorrection.M));
  }

  @ParameterizedTest
  @CsvSource({"L, 30", "M, 31", "Q, 32", "H, 33"})
  void nativeQrErrorCorrectionLevels(ErrorCorrection level, String wire) {
    byte[] bytes = new EscPosEncoder().nativeQr("A", 3, level).toBytes();
    assertEquals("1D 28 6B 03 00 31 45 " + wire, Hex.spaced(Arrays.copyOfRange(bytes, 17, 25)));
  }

  @Test
  void nativeQrStoreLengthForHundredByteUrl() {
    String url = "https://hallq.example/t/" + "x".repeat(76);
    assertEquals(100, url.length());
    byte[] bytes = new EscPosEncoder().nativeQr(url, 6, ErrorCorrection.M).toBytes();

    assertEquals("1D 28 6B 67 00 31 50 30", Hex.spaced(Arrays.copyOfRange(bytes, 25, 33)));
    assertEquals(url, new String(bytes, 33, 100, StandardCharsets.US_ASCII));
    assertEquals("1D 28 6B 03 00 31 51 30", Hex.spaced(Arrays.copyOfRange(bytes, 133, 141)));
    assertEquals(141, bytes.length);
  }

  @Test
  void nativeQrStoreLengthUsesHighByteAbove252Bytes() {
    byte[] bytes = new EscPosEncoder().nativeQr("y".repeat(300), 4, ErrorCorrection.L).toBytes();
    // 300 + 3 = 303 = 0x012F
    assertEquals("1D 28 6B 2F 01 31 50 30", Hex.spaced(Arrays.copyOfRange(bytes, 25, 33)));
  }

  @Test
  void nativeQrRejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> new EscPosEncoder().nativeQr("", 6, ErrorCorrection.M));
    assertThrows(IllegalArgumentException.class,
        () -> new EscPosEncoder().nativeQr("A", 0, ErrorCorrection.M));
    assertThrows(IllegalArgumentException.class,
        () -> new EscPosEncoder().nativeQr("A", 17, ErrorCorrection.M));
  }

  @Test
  void rasterImagePacksRowsMsbFirstAndPadsToWholeBytes() {
    boolean[][] rows = {
        dots("#.#.#.#.##"),
        dots("........#."),
        dots(".........#"),
    };
    assertBytes("1D 76 30 00 02 00 03 00 AA C0 00 80 00 40",
        new EscPosEncoder().rasterImage(rows));
  }

  @Test
  void rasterImageFromBitmapMatchesRows() {
    Bitmap bitmap = Bitmap.of(new boolean[][] {dots("#......#"), dots(".######.")});
    assertBytes("1D 76 30 00 01 00 02 00 81 7E", new EscPosEncoder().rasterImage(bitmap));
  }

  @Test
  void rasterImageRejectsRaggedRows() {
    boolean[][] rows = {dots("##"), dots("#")};
    assertThrows(IllegalArgumentException.class, () -> new EscPosEncoder().rasterImage(rows));
  }

  @Test
  void ticketChainsCommandsInOrder() {
    EscPosEncoder ticket = new EscPosEncoder()
        .initialize()
        .chineseMode(true)
        .align(Alignment.CENTER)
        .bold(true)
        .size(2, 2)
        .text("A001")
        .newline()
        .bold(false)
        .size(1, 1)
        .feed(4)
        .partialCut();

    assertArrayEquals(Hex.bytes("1B 40 1C 26 1B 61 01 1B 45 01 1D 21 11"
            + " 41 30 30 31 0A 1B 45 00 1D 21 00 1B 64 04 1D 56 01"),
        ticket.toBytes());
  }

  @Test
  void toBytesReturnsACopy() {
    EscPosEncoder encoder = new EscPosEncoder().initialize();
    encoder.toBytes()[0] = 0;
    assertBytes("1B 40", encoder);
  }

  private static boolean[] dots(String pattern) {
    boolean[] row = new boolean[pattern.length()];
    for (int i = 0; i < row.length; i++) {
      row[i] = pattern.charAt(i) == '#';
    }
    return row;
  }
}
