package hallq.bridge.modbus;

/**
 * The two reflected CRC-16 variants (polynomial 0x8005, reflected 0xA001) spoken by the serial
 * devices of a hall. They differ only in the initial value; both are sent low byte first.
 */
public enum Crc16 {

  /** CRC-16/ARC, init 0x0000: Onbon BX-5K LED controller frames. Check value 0xBB3D. */
  ARC(0x0000),

  /** CRC-16/MODBUS, init 0xFFFF: Modbus RTU frames. Check value 0x4B37. */
  MODBUS(0xFFFF);

  private static final int REFLECTED_POLY = 0xA001;

  private final int initial;

  Crc16(int initial) {
    this.initial = initial;
  }

  public int compute(byte[] data) {
    return compute(data, 0, data.length);
  }

  public int compute(byte[] data, int offset, int length) {
    int crc = initial;
    for (int i = offset; i < offset + length; i++) {
      crc ^= data[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
      }
    }
    return crc;
  }

  /** Whether the two bytes after the {@code length} bytes at {@code offset} are their CRC. */
  public boolean matchesTrailer(byte[] data, int offset, int length) {
    int expected = compute(data, offset, length);
    int low = data[offset + length] & 0xFF;
    int high = data[offset + length + 1] & 0xFF;
    return expected == (low | high << 8);
  }
}
