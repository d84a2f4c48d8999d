package hallq.bridge.led;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OnbonBx5kTest {

  private static final String PREAMBLE = "A5 A5 A5 A5 A5 A5 A5 A5 ";
  private static final String HEADER_TO_SCREEN_1 = "01 00 00 80 00 00 00 00 00 00 FE 02 ";

  private final OnbonBx5k screen = new OnbonBx5k(OnbonBx5k.DEFAULT_SCREEN_ADDRESS);

  @Test
  void pingMatchesTheGoldenFrame() {
    assertEquals(PREAMBLE + HEADER_TO_SCREEN_1 + "05 00 A2 00 01 00 00 68 F8 5A",
        Hex.spaced(screen.ping()));
  }

  @Test
  void readStatusMatchesTheGoldenFrame() {
    assertEquals(PREAMBLE + HEADER_TO_SCREEN_1 + "05 00 A1 02 01 00 00 2D 40 5A",
        Hex.spaced(screen.readStatus()));
  }

  @Test
  void clearScreenMatchesTheGoldenFrame() {
    assertEquals(PREAMBLE + HEADER_TO_SCREEN_1 + "05 00 A3 10 01 00 00 51 F8 5A",
        Hex.spaced(screen.clearScreen()));
  }

  @Test
  void escapesPreambleAndTrailerBytesInTheBody() {
    assertEquals(PREAMBLE
            + "A6 02 5B 02 00 80 00 00 00 00 00 00 FE 02 05 00 A2 00 01 00 00 09 1A 5A",
        Hex.spaced(new OnbonBx5k(0x5AA5).ping()));
  }

  // Pins the A3 06 layout documented on DynamicAreaText; not yet checked on a controller.
  @Test
  void dynamicAreaTextFollowsTheDocumentedLayout() {
    DynamicAreaText area = new DynamicAreaText(
        2, 1, 0, 16, 32, DisplayMode.MOVE_LEFT, 4, 5, "请A001号到3号窗口");
    assertEquals(PREAMBLE + HEADER_TO_SCREEN_1 + "35 00 A3 06 01 00 00"
            + " 00 01 2C 00"
            + " 00 01 00 00 00 10 00 20 00 02 00 00 00 00 00 00 00 01 01 03 00 04 05"
            + " 11 00 00 00 C7 EB 41 30 30 31 BA C5 B5 BD 33 BA C5 B4 B0 BF DA"
            + " B0 CE 5A",
        Hex.spaced(screen.dynamicAreaText(area)));
  }

  @Test
  void dynamicAreaTextRejectsCharactersOutsideGb2312() {
    DynamicAreaText area =
        new DynamicAreaText(0, 0, 0, 8, 16, DisplayMode.STATIC, 0, 0, "请𠀀到窗口");
    assertThrows(IllegalArgumentException.class, () -> screen.dynamicAreaText(area));
  }

  @Test
  void rejectsOutOfRangeGeometryAndAddresses() {
    assertThrows(IllegalArgumentException.class,
        () -> new DynamicAreaText(256, 0, 0, 8, 16, DisplayMode.STATIC, 0, 0, "A"));
    assertThrows(IllegalArgumentException.class,
        () -> new DynamicAreaText(0, -1, 0, 8, 16, DisplayMode.STATIC, 0, 0, "A"));
    assertThrows(IllegalArgumentException.class, () -> new OnbonBx5k(0x10000));
  }
}
