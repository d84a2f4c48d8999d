package hallq.bridge.idcard;

import java.util.Objects;

/**
 * The ID card reader's (二代证) frame, both ways: {@code AA AA AA 96 69 | LEN(2, BE) | body | XOR}.
 * LEN counts the body and the check byte; XOR is the exclusive or of the two LEN bytes and the body.
 * A request's body is {@code CMD PARA}, a reply's {@code SW1 SW2 SW3 data}.
 */
public final class IdCardFrames {
  /** Every frame starts with these five bytes. */
  static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, (byte) 0x69};
  /** Preamble and LEN. */
  static final int HEADER = PREAMBLE.length + 2;
  /**
   * The longest LEN accepted: the text+photo reply is {@code 05 08} (3 status, 4 lengths, 256 text,
   * 1024 photo, 1 check); readers with a fingerprint module send 1024 bytes more. A longer LEN is taken
   * for a corrupted one, so a bad length costs a dropped frame, not a wait for kilobytes that never come.
   */
  static final int MAX_LEN = 0x0A00;
  /** The shortest LEN accepted: a request's {@code CMD PARA} and the check byte. */
  static final int MIN_LEN = 3;

  private IdCardFrames() {}

  /** Frames a body: preamble, LEN, body, XOR. */
  public static byte[] frame(byte[] body) {
    Objects.requireNonNull(body, "body");
    int len = body.length + 1;
    if (len > MAX_LEN) {
      throw new IllegalArgumentException("body of " + body.length + " bytes does not fit a frame");
    }
    byte[] frame = new byte[HEADER + len];
    System.arraycopy(PREAMBLE, 0, frame, 0, PREAMBLE.length);
    frame[PREAMBLE.length] = (byte) (len >> 8);
    frame[PREAMBLE.length + 1] = (byte) len;
    System.arraycopy(body, 0, frame, HEADER, body.length);
    frame[frame.length - 1] = xor(frame, PREAMBLE.length, frame.length - 1);
    return frame;
  }

  /** The exclusive or of {@code bytes[from..to)}. */
  static byte xor(byte[] bytes, int from, int to) {
    int check = 0;
    for (int i = from; i < to; i++) {
      check ^= bytes[i];
    }
    return (byte) check;
  }
}
