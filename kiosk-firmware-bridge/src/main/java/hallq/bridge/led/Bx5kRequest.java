package hallq.bridge.led;

import java.util.Arrays;

/**
 * A request frame as a BX-5K controller receives it, CRC already checked.
 *
 * @param dstAddr the addressed controller
 * @param srcAddr the sender, the host ({@code 0x8000}) for HallQ
 * @param group command group, e.g. {@code A3}
 * @param command command in the group, e.g. {@code 06}
 * @param responseFlag {@code 01} reply wanted, {@code 02} no reply, or another raw value
 * @param data bytes after the command header
 */
public record Bx5kRequest(
    int dstAddr, int srcAddr, int group, int command, int responseFlag, byte[] data) {

  /** Response flag of a request that wants a reply. */
  public static final int REPLY_WANTED = OnbonBx5k.REPLY_WANTED;

  public Bx5kRequest {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public boolean replyWanted() {
    return responseFlag == REPLY_WANTED;
  }

  public boolean is(Bx5kCommand bx5kCommand) {
    return group == bx5kCommand.group() && command == bx5kCommand.code();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bx5kRequest that
        && dstAddr == that.dstAddr
        && srcAddr == that.srcAddr
        && group == that.group
        && command == that.command
        && responseFlag == that.responseFlag
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return ((((dstAddr * 31 + srcAddr) * 31 + group) * 31 + command) * 31 + responseFlag) * 31
        + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format(
        "Bx5kRequest[dst=%04X, src=%04X, cmd=%02X %02X, response=%02X, data=%d bytes]",
        dstAddr, srcAddr, group, command, responseFlag, data.length);
  }
}
