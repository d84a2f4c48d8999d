package hallq.bridge.led;

/**
 * The two reflected CRC-16s written bit by bit in the test, independently of {@code Crc16}, to
 * check the trailers of golden frames.
 */
final class LedCrcCheck {

  static final int ARC_INIT = 0x0000;
  static final int MODBUS_INIT = 0xFFFF;

  private LedCrcCheck() {
  }

  static int crc(int init, byte[] bytes, int from, int to) {
    int crc = init;
    for (int i = from; i < to; i++) {
      for (int bit = 0; bit < 8; bit++) {
        boolean mix = ((crc ^ (bytes[i] >> bit)) & 1) != 0;
        crc >>>= 1;
        if (mix) {
          crc ^= 0xA001;
        }
      }
    }
    return crc;
  }

  /** Whether a Modbus RTU frame ends with the CRC16/MODBUS of the rest, low byte first. */
  static boolean modbusTrailerValid(byte[] frame) {
    int crc = crc(MODBUS_INIT, frame, 0, frame.length - 2);
    return crc == ((frame[frame.length - 2] & 0xFF) | (frame[frame.length - 1] & 0xFF) << 8);
  }

  /**
   * Whether a BX-5K frame ({@code A5×8 | escaped body | 5A}) ends its body with the CRC-16/ARC of
   * the rest of the unescaped body, low byte first.
   */
  static boolean bx5kTrailerValid(byte[] frame) {
    byte[] body = new byte[frame.length];
    int length = 0;
    for (int i = 8; i < frame.length - 1; i++) {
      int b = frame[i] & 0xFF;
      if (b == 0xA6 || b == 0x5B) {
        int next = frame[++i];
        body[length++] = (byte) (next == 1 ? b : b == 0xA6 ? 0xA5 : 0x5A);
      } else {
        body[length++] = (byte) b;
      }
    }
    int crc = crc(ARC_INIT, body, 0, length - 2);
    return crc == ((body[length - 2] & 0xFF) | (body[length - 1] & 0xFF) << 8);
  }
}
