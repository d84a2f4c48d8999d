package hallq.bridge.modbus;

import java.nio.charset.StandardCharsets;

/**
 * Short ASCII text in holding registers, as HallQ's keypads and digit signs carry it: two bytes per
 * register, the first character in the high byte, NUL padded.
 */
public final class AsciiRegisters {
  private AsciiRegisters() {}

  /**
   * @param text printable ASCII, at most {@code 2 * registers} characters
   * @return {@code registers} register values
   * @throws IllegalArgumentException if the text is too long or not printable ASCII
   */
  public static int[] words(String text, int registers) {
    if (text.length() > 2 * registers) {
      throw new IllegalArgumentException("text is at most " + 2 * registers + " characters: " + text);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException("text must be printable ASCII: " + text);
      }
    }
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    int[] words = new int[registers];
    for (int i = 0; i < bytes.length; i++) {
      words[i / 2] |= (bytes[i] & 0xFF) << (i % 2 == 0 ? 8 : 0);
    }
    return words;
  }

  /** The text up to the first NUL; a byte that is not printable ASCII reads as {@code ?}. Never throws. */
  public static String text(int[] words) {
    StringBuilder text = new StringBuilder();
    for (int word : words) {
      for (int b : new int[] {word >>> 8 & 0xFF, word & 0xFF}) {
        if (b == 0) {
          return text.toString();
        }
        text.append(b >= 0x20 && b <= 0x7E ? (char) b : '?');
      }
    }
    return text.toString();
  }
}
