package hallq.bridge.pad;

import hallq.bridge.modbus.AsciiRegisters;
import hallq.bridge.modbus.ModbusRtu;

/**
 * The clerk keypad's holding registers (PAD-PROTOCOL.md) and the master's requests to them.
 *
 * <pre>
 * 0    key event counter  +1 per press, wraps 65535 → 0   (read only)
 * 1    last key           1..7, see {@link Key}           (read only)
 * 2..9 display text       16 ASCII bytes, high byte first, NUL padded (read/write)
 * </pre>
 */
public final class KeypadRegisters {

  public static final int EVENT_COUNTER = 0;
  public static final int LAST_KEY = 1;
  public static final int DISPLAY = 2;

  /** Registers of the display text, two characters each. */
  public static final int DISPLAY_REGISTERS = 8;

  /** The display text's length limit in ASCII bytes. */
  public static final int DISPLAY_BYTES = 2 * DISPLAY_REGISTERS;

  /** Number of registers; addresses 0..9. */
  public static final int COUNT = DISPLAY + DISPLAY_REGISTERS;

  /** Shown by the keypad in its own font as 无人等候. */
  public static final String NO_ONE_WAITING = "NONE";

  private KeypadRegisters() {
  }

  /** Reads registers 0..1: the event counter and the last key. */
  public static byte[] readKeyState(int unitId) {
    return ModbusRtu.readHoldingRegisters(unitId, EVENT_COUNTER, 2);
  }

  /**
   * Writes the keypad's display text to registers 2..9 in one 0x10 frame, NUL padded.
   *
   * @param text up to 16 printable ASCII characters, e.g. {@code A012} or {@link #NO_ONE_WAITING}
   */
  public static byte[] writeDisplay(int unitId, String text) {
    return ModbusRtu.writeMultipleRegisters(unitId, DISPLAY, displayWords(text));
  }

  /** Reads the display text back from registers 2..9. */
  public static byte[] readDisplay(int unitId) {
    return ModbusRtu.readHoldingRegisters(unitId, DISPLAY, DISPLAY_REGISTERS);
  }

  /**
   * The display text as register values: two ASCII bytes per register, high byte first, NUL
   * padded to 8 registers.
   *
   * @throws IllegalArgumentException if the text is longer than 16 bytes or not printable ASCII
   */
  public static int[] displayWords(String text) {
    return AsciiRegisters.words(text, DISPLAY_REGISTERS);
  }

  /**
   * The display text held in register values, up to the first NUL; a byte that is not printable
   * ASCII reads as {@code ?}.
   */
  public static String displayText(int[] words) {
    return AsciiRegisters.text(words);
  }

  /**
   * Interprets registers 0..1 against the counter of the previous read. Never throws.
   *
   * @param previousCounter the event counter last seen, 0..65535
   * @param values the two register values read by {@link #readKeyState(int)}
   */
  public static KeyReading interpret(int previousCounter, int[] values) {
    if (values == null || values.length != 2) {
      return new KeyReading.Invalid("expected 2 registers, got "
          + (values == null ? "none" : values.length));
    }
    int counter = values[EVENT_COUNTER] & 0xFFFF;
    int presses = (counter - previousCounter) & 0xFFFF;
    if (presses == 0) {
      return new KeyReading.NoPress(counter);
    }
    return Key.fromWire(values[LAST_KEY])
        .<KeyReading>map(key -> new KeyReading.KeyPress(key, counter, presses - 1))
        .orElseGet(() -> new KeyReading.Invalid(
            "key " + values[LAST_KEY] + " is not 1..7 (counter " + counter + ")"));
  }
}
