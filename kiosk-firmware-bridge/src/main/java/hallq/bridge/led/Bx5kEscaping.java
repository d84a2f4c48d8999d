package hallq.bridge.led;

import java.io.ByteArrayOutputStream;

/**
 * BX-5K body escaping, so that the preamble byte {@code A5} and the trailer {@code 5A} never
 * occur inside a body: {@code A5 → A6 02, A6 → A6 01, 5A → 5B 02, 5B → 5B 01}.
 */
final class Bx5kEscaping {

  static final int PREAMBLE = 0xA5;
  static final int TRAILER = 0x5A;
  private static final int PREAMBLE_ESCAPE = 0xA6;
  private static final int TRAILER_ESCAPE = 0x5B;

  private Bx5kEscaping() {
  }

  static void escape(byte[] body, ByteArrayOutputStream out) {
    for (byte b : body) {
      int value = b & 0xFF;
      if (value == PREAMBLE || value == PREAMBLE_ESCAPE) {
        out.write(PREAMBLE_ESCAPE);
        out.write(value == PREAMBLE ? 0x02 : 0x01);
      } else if (value == TRAILER || value == TRAILER_ESCAPE) {
        out.write(TRAILER_ESCAPE);
        out.write(value == TRAILER ? 0x02 : 0x01);
      } else {
        out.write(value);
      }
    }
  }

  /** The unescaped body, or {@code null} if an escape byte is followed by anything but 01/02. */
  static byte[] unescape(byte[] escaped, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    for (int i = 0; i < length; i++) {
      int value = escaped[i] & 0xFF;
      if (value != PREAMBLE_ESCAPE && value != TRAILER_ESCAPE) {
        out.write(value);
        continue;
      }
      if (i + 1 >= length) {
        return null;
      }
      int next = escaped[++i] & 0xFF;
      if (next == 0x01) {
        out.write(value);
      } else if (next == 0x02) {
        out.write(value == PREAMBLE_ESCAPE ? PREAMBLE : TRAILER);
      } else {
        return null;
      }
    }
    return out.toByteArray();
  }
}
