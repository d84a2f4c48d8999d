package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Golden bytes of the keypad's requests and the interpretation of its registers. */
class KeypadRegistersTest {

  static final String READ_KEYS = "04 03 00 00 00 02 C4 5E";
  static final String KEYS_REPLY = "04 03 04 00 11 00 01 3E F6";
  static final String DISPLAY_A012 =
      "04 10 00 02 00 08 10 41 30 31 32 00 00 00 00 00 00 00 00 00 00 00 00 29 77";
  static final String DISPLAY_NONE =
      "04 10 00 02 00 08 10 4E 4F 4E 45 00 00 00 00 00 00 00 00 00 00 00 00 99 6B";
  static final String READ_DISPLAY = "04 03 00 02 00 08 E5 99";

  private static final int UNIT = 4;

  @Test
  void goldenFramesCarryAValidModbusCrc() {
    for (String frame : new String[] {READ_KEYS, KEYS_REPLY, DISPLAY_A012, DISPLAY_NONE,
        READ_DISPLAY, "04 10 00 02 00 08 60 5A"}) {
      assertTrue(ModbusCrcCheck.hasValidTrailer(Hex.bytes(frame)), frame);
    }
  }

  @Test
  void requestsAreGolden() {
    assertEquals(READ_KEYS, Hex.spaced(KeypadRegisters.readKeyState(UNIT)));
    assertEquals(DISPLAY_A012, Hex.spaced(KeypadRegisters.writeDisplay(UNIT, "A012")));
    assertEquals(READ_DISPLAY, Hex.spaced(KeypadRegisters.readDisplay(UNIT)));
  }

  @Test
  @DisplayName("无人等候 is the text NONE, drawn by the keypad's own font")
  void noOneWaitingIsTheTextNone() {
    assertEquals(DISPLAY_NONE,
        Hex.spaced(KeypadRegisters.writeDisplay(UNIT, KeypadRegisters.NO_ONE_WAITING)));
  }

  @Test
  void displayTextRoundTripsThroughRegisterWords() {
    int[] words = KeypadRegisters.displayWords("A012");
    assertArrayEquals(new int[] {0x4130, 0x3132, 0, 0, 0, 0, 0, 0}, words);
    assertEquals("A012", KeypadRegisters.displayText(words));
    assertEquals("0123456789ABCDEF",
        KeypadRegisters.displayText(KeypadRegisters.displayWords("0123456789ABCDEF")));
    assertEquals("A?", KeypadRegisters.displayText(new int[] {0x4180, 0}));
  }

  @Test
  void displayTextTooLongOrNotAsciiIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> KeypadRegisters.writeDisplay(UNIT, "0123456789ABCDEFG"));
    assertThrows(IllegalArgumentException.class, () -> KeypadRegisters.writeDisplay(UNIT, "叫号"));
    assertThrows(IllegalArgumentException.class, () -> KeypadRegisters.writeDisplay(UNIT, "A\n"));
  }

  @Test
  void counterChangeIsAKeyPress() {
    assertEquals(new KeyReading.KeyPress(Key.CALL_NEXT, 0x11, 0),
        KeypadRegisters.interpret(0x10, new int[] {0x11, 1}));
    assertEquals(new KeyReading.NoPress(0x11),
        KeypadRegisters.interpret(0x11, new int[] {0x11, 1}));
  }

  @Test
  void counterWrapsFrom65535ToZero() {
    assertEquals(new KeyReading.KeyPress(Key.FINISH, 0, 0),
        KeypadRegisters.interpret(65535, new int[] {0, 5}));
    assertEquals(new KeyReading.KeyPress(Key.RECALL, 1, 1),
        KeypadRegisters.interpret(65535, new int[] {1, 2}));
  }

  @Test
  void unknownKeyIsInvalidNeverAnException() {
    assertInstanceOf(KeyReading.Invalid.class, KeypadRegisters.interpret(0, new int[] {1, 9}));
    assertInstanceOf(KeyReading.Invalid.class, KeypadRegisters.interpret(0, new int[] {1, 0}));
    assertInstanceOf(KeyReading.Invalid.class, KeypadRegisters.interpret(0, new int[] {1}));
    assertInstanceOf(KeyReading.Invalid.class, KeypadRegisters.interpret(0, null));
  }

  @Test
  void keysCarryTheirWireValues() {
    assertEquals(1, Key.CALL_NEXT.value());
    assertEquals(7, Key.REQUEST_RATING.value());
    assertTrue(Key.fromWire(9).isEmpty());
  }

  @Test
  void detectorReportsEachPressOnceAndStartsFromABaseline() {
    KeyPressDetector detector = new KeyPressDetector();
    assertEquals(new KeyReading.NoPress(40), detector.next(new int[] {40, 3}));
    assertEquals(new KeyReading.KeyPress(Key.START, 41, 0), detector.next(new int[] {41, 4}));
    assertEquals(new KeyReading.NoPress(41), detector.next(new int[] {41, 4}));
  }
}
