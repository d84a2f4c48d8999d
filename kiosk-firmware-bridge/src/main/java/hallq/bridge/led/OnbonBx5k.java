package hallq.bridge.led;

import hallq.bridge.modbus.Crc16;
import java.io.ByteArrayOutputStream;

/**
 * Request frames for Onbon BX-5K / 5MK LED controllers ("BX 异步屏"):
 * <pre>
 * A5×8 | escaped(body) | 5A
 * body = DstAddr(2) SrcAddr(2) Reserved(6) DeviceType(1) ProtoVer(1) DataLen(2)
 *        | CmdGroup Cmd Response Reserved(2) | data | CRC16/ARC(2)
 * </pre>
 * Multi-byte fields are little-endian; DataLen counts the command header plus data; the CRC
 * covers the body before escaping (see {@link Bx5kEscaping}).
 */
public final class OnbonBx5k {

  /** Address of a controller fresh from the factory. */
  public static final int DEFAULT_SCREEN_ADDRESS = 0x0001;

  static final int PREAMBLE_LENGTH = 8;
  static final int HOST_ADDRESS = 0x8000;
  static final int RESERVED_LENGTH = 6;
  static final int ANY_DEVICE_TYPE = 0xFE;
  static final int PROTOCOL_VERSION = 0x02;
  static final int HEADER_LENGTH = 2 + 2 + RESERVED_LENGTH + 1 + 1 + 2;
  static final int COMMAND_HEADER_LENGTH = 5;
  static final int CRC_LENGTH = 2;
  static final int REPLY_WANTED = 0x01;

  private final int screenAddress;

  public OnbonBx5k(int screenAddress) {
    if (screenAddress < 0 || screenAddress > 0xFFFF) {
      throw new IllegalArgumentException("screen address must be 0..65535: " + screenAddress);
    }
    this.screenAddress = screenAddress;
  }

  /** {@code A2 00}: ping. */
  public byte[] ping() {
    return frame(Bx5kCommand.PING, new byte[0]);
  }

  /** {@code A1 02}: read controller status. */
  public byte[] readStatus() {
    return frame(Bx5kCommand.READ_STATUS, new byte[0]);
  }

  /** {@code A3 10}: clear the screen. */
  public byte[] clearScreen() {
    return frame(Bx5kCommand.CLEAR_SCREEN, new byte[0]);
  }

  /**
   * {@code A3 06}: show text in a real-time dynamic area. The data layout is unverified on a
   * controller; see {@link DynamicAreaText}.
   */
  public byte[] dynamicAreaText(DynamicAreaText area) {
    return frame(Bx5kCommand.DYNAMIC_AREA, area.encode());
  }

  /** A complete frame for {@code command} with {@code data}, asking the controller to reply. */
  public byte[] frame(Bx5kCommand command, byte[] data) {
    return frame(body(screenAddress, HOST_ADDRESS, command.group(), command.code(), REPLY_WANTED,
        data));
  }

  /**
   * The controller's side: a reply frame from the controller at {@code screenAddress} to the
   * host, echoing the request's command and carrying {@code error} where a request carries its
   * response flag. For simulators.
   */
  public static byte[] replyFrame(int screenAddress, int group, int command, Bx5kError error) {
    if (screenAddress < 0 || screenAddress > 0xFFFF) {
      throw new IllegalArgumentException("screen address must be 0..65535: " + screenAddress);
    }
    return frame(body(HOST_ADDRESS, screenAddress, group, command, error.code(), new byte[0]));
  }

  private static byte[] frame(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(PREAMBLE_LENGTH + body.length * 2 + 1);
    for (int i = 0; i < PREAMBLE_LENGTH; i++) {
      out.write(Bx5kEscaping.PREAMBLE);
    }
    Bx5kEscaping.escape(body, out);
    out.write(Bx5kEscaping.TRAILER);
    return out.toByteArray();
  }

  private static byte[] body(
      int dstAddress, int srcAddress, int group, int code, int response, byte[] data) {
    int dataLength = COMMAND_HEADER_LENGTH + data.length;
    if (dataLength > 0xFFFF) {
      throw new IllegalArgumentException("data too long for one frame: " + data.length);
    }
    byte[] body = new byte[HEADER_LENGTH + dataLength + CRC_LENGTH];
    putLittleEndian(body, 0, dstAddress);
    putLittleEndian(body, 2, srcAddress);
    body[10] = (byte) ANY_DEVICE_TYPE;
    body[11] = (byte) PROTOCOL_VERSION;
    putLittleEndian(body, 12, dataLength);
    body[HEADER_LENGTH] = (byte) group;
    body[HEADER_LENGTH + 1] = (byte) code;
    body[HEADER_LENGTH + 2] = (byte) response;
    System.arraycopy(data, 0, body, HEADER_LENGTH + COMMAND_HEADER_LENGTH, data.length);
    int crcOffset = HEADER_LENGTH + dataLength;
    putLittleEndian(body, crcOffset, Crc16.ARC.compute(body, 0, crcOffset));
    return body;
  }

  static void putLittleEndian(byte[] buffer, int offset, int value) {
    buffer[offset] = (byte) value;
    buffer[offset + 1] = (byte) (value >>> 8);
  }

  static int littleEndian(byte[] buffer, int offset) {
    return buffer[offset] & 0xFF | (buffer[offset + 1] & 0xFF) << 8;
  }
}
