package hallq.bridge.led;

import hallq.bridge.Hex;
import hallq.bridge.modbus.Crc16;
import java.io.ByteArrayOutputStream;

/** Builds controller reply frames for decoder tests, independently of the request encoder. */
final class Bx5kReplies {

  private Bx5kReplies() {
  }

  static byte[] reply(int srcAddr, int group, int command, int errorCode, byte[] data) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x00, (byte) 0x80, (byte) srcAddr, (byte) (srcAddr >>> 8)});
    body.writeBytes(new byte[6]);
    body.writeBytes(new byte[] {(byte) 0xFE, 0x02});
    int dataLength = 5 + data.length;
    body.writeBytes(new byte[] {(byte) dataLength, (byte) (dataLength >>> 8)});
    body.writeBytes(new byte[] {(byte) group, (byte) command, (byte) errorCode, 0, 0});
    body.writeBytes(data);
    int crc = Crc16.ARC.compute(body.toByteArray());
    body.writeBytes(new byte[] {(byte) crc, (byte) (crc >>> 8)});

    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(Hex.bytes("A5 A5 A5 A5 A5 A5 A5 A5"));
    for (byte b : body.toByteArray()) {
      switch (b & 0xFF) {
        case 0xA5 -> frame.writeBytes(new byte[] {(byte) 0xA6, 0x02});
        case 0xA6 -> frame.writeBytes(new byte[] {(byte) 0xA6, 0x01});
        case 0x5A -> frame.writeBytes(new byte[] {0x5B, 0x02});
        case 0x5B -> frame.writeBytes(new byte[] {0x5B, 0x01});
        default -> frame.write(b);
      }
    }
    frame.write(0x5A);
    return frame.toByteArray();
  }
}
