package hallq.bridge.pad;

/**
 * A CRC-16/MODBUS written for the tests independently of {@code Crc16}, table-driven from the
 * unreflected polynomial 0x8005 with explicit bit reversal, to check golden frames' trailers.
 */
final class ModbusCrcCheck {

  private ModbusCrcCheck() {
  }

  /** Whether the last two bytes of {@code frame} are the CRC of the rest, low byte first. */
  static boolean hasValidTrailer(byte[] frame) {
    int crc = 0xFFFF;
    for (int i = 0; i < frame.length - 2; i++) {
      int b = reverse8(frame[i] & 0xFF);
      crc = reverse16(crc);
      crc ^= b << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1 ^ 0x8005) & 0xFFFF : crc << 1 & 0xFFFF;
      }
      crc = reverse16(crc);
    }
    int trailer = frame[frame.length - 2] & 0xFF | (frame[frame.length - 1] & 0xFF) << 8;
    return crc == trailer;
  }

  private static int reverse8(int b) {
    return Integer.reverse(b) >>> 24;
  }

  private static int reverse16(int w) {
    return Integer.reverse(w) >>> 16;
  }
}
