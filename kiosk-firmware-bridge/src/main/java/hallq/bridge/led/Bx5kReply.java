package hallq.bridge.led;

import java.util.Arrays;
import java.util.Optional;

/**
 * A reply frame from a BX-5K controller, CRC already checked.
 *
 * <p>In a reply the byte that a request uses for "Response" carries the error code.
 *
 * @param dstAddr destination address of the reply (the host, usually {@code 0x8000})
 * @param srcAddr the replying controller's address
 * @param group command group echoed from the request
 * @param command command echoed from the request
 * @param errorCode 0x00 OK, 0x03 busy, 0x05 CRC error, 0x0C font missing, or another raw value
 * @param data bytes after the command header
 */
public record Bx5kReply(
    int dstAddr, int srcAddr, int group, int command, int errorCode, byte[] data) {

  public Bx5kReply {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public Optional<Bx5kError> error() {
    return Bx5kError.fromWire(errorCode);
  }

  public boolean ok() {
    return errorCode == Bx5kError.OK.code();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bx5kReply that
        && dstAddr == that.dstAddr
        && srcAddr == that.srcAddr
        && group == that.group
        && command == that.command
        && errorCode == that.errorCode
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return ((((dstAddr * 31 + srcAddr) * 31 + group) * 31 + command) * 31 + errorCode) * 31
        + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format("Bx5kReply[dst=%04X, src=%04X, cmd=%02X %02X, error=%02X, data=%d bytes]",
        dstAddr, srcAddr, group, command, errorCode, data.length);
  }
}
