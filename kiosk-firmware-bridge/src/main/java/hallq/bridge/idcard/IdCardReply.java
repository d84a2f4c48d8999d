package hallq.bridge.idcard;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply frame's body: {@code SW1 SW2 SW3 | data}.
 *
 * @param sw the three status bytes as one number, {@code 0x00009F} for card found
 * @param data what follows them (the caller must not change it)
 */
public record IdCardReply(int sw, byte[] data) {
  private static final int STATUS_BYTES = 3;

  public IdCardReply {
    Objects.requireNonNull(data, "data");
  }

  /** A reply with a named status, as the reader (or the simulator) sends it. */
  public static IdCardReply of(IdCardStatus status, byte[] data) {
    if (status == IdCardStatus.OTHER) {
      throw new IllegalArgumentException("OTHER has no wire value");
    }
    return new IdCardReply(status.sw3(), data);
  }

  /** The reply in a frame's body; empty if the body is shorter than the status bytes. */
  public static Optional<IdCardReply> parse(byte[] body) {
    if (body.length < STATUS_BYTES) {
      return Optional.empty();
    }
    int sw = (body[0] & 0xFF) << 16 | (body[1] & 0xFF) << 8 | body[2] & 0xFF;
    return Optional.of(new IdCardReply(sw, Arrays.copyOfRange(body, STATUS_BYTES, body.length)));
  }

  public IdCardStatus status() {
    return IdCardStatus.of(sw >> 16 & 0xFF, sw >> 8 & 0xFF, sw & 0xFF);
  }

  /** The whole frame. */
  public byte[] frame() {
    byte[] body = new byte[STATUS_BYTES + data.length];
    body[0] = (byte) (sw >> 16);
    body[1] = (byte) (sw >> 8);
    body[2] = (byte) sw;
    System.arraycopy(data, 0, body, STATUS_BYTES, data.length);
    return IdCardFrames.frame(body);
  }

  /** Status and data length only: a read reply's data is personal. */
  @Override
  public String toString() {
    return "IdCardReply[" + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(new byte[] {(byte) (sw >> 16), (byte) (sw >> 8), (byte) sw})
        + ", " + data.length + " data bytes]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdCardReply reply && reply.sw == sw && Arrays.equals(reply.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * sw + Arrays.hashCode(data);
  }
}
