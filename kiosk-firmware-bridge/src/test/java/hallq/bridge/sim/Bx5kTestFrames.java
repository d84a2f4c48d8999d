package hallq.bridge.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/**
 * BX-5K request frames built in the test, independently of {@code OnbonBx5k}, so that the sign
 * simulator also meets frames the encoder never sends (no reply wanted, other screens).
 */
final class Bx5kTestFrames {

  static final int NO_REPLY = 0x02;
  static final int REPLY_WANTED = 0x01;

  private Bx5kTestFrames() {
  }

  static byte[] request(int dst, int group, int command, int responseFlag, byte[] data) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {(byte) dst, (byte) (dst >>> 8), 0x00, (byte) 0x80});
    body.writeBytes(new byte[6]);
    body.writeBytes(new byte[] {(byte) 0xFE, 0x02});
    int dataLength = 5 + data.length;
    body.writeBytes(new byte[] {(byte) dataLength, (byte) (dataLength >>> 8)});
    body.writeBytes(new byte[] {(byte) group, (byte) command, (byte) responseFlag, 0, 0});
    body.writeBytes(data);
    int crc = crcArc(body.toByteArray());
    body.writeBytes(new byte[] {(byte) crc, (byte) (crc >>> 8)});

    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    for (int i = 0; i < 8; i++) {
      frame.write(0xA5);
    }
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

  /** {@code A3 06} data: one area 0, 128×16 at the top left, moving left, GB2312 text. */
  static byte[] dynamicArea(String text) {
    byte[] textBytes = text.getBytes(Charset.forName("GB2312"));
    int areaLength = 27 + textBytes.length;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(new byte[] {0x00, 0x01, (byte) areaLength, (byte) (areaLength >>> 8)});
    data.writeBytes(new byte[] {0x00, 0, 0, 0, 0, 16, 0, 16, 0, 0x00, 0, 0, 0, 0, 0, 0, 0});
    data.writeBytes(new byte[] {0x01, 0x01, 0x03, 0x00, 4, 5});
    int n = textBytes.length;
    data.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
    data.writeBytes(textBytes);
    return data.toByteArray();
  }

  private static int crcArc(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      for (int bit = 0; bit < 8; bit++) {
        boolean mix = ((crc ^ (b >> bit)) & 1) != 0;
        crc >>>= 1;
        if (mix) {
          crc ^= 0xA001;
        }
      }
    }
    return crc;
  }
}
