package hallq.bridge.idcard;

import java.util.Optional;

/** The three reader commands HallQ sends, with their {@code CMD PARA} bytes. */
public enum IdCardCommand {
  /** Find card ({@code 20 01}): {@code 00 00 9F} when a card is in the field, {@code 00 00 80} when none. */
  FIND_CARD(0x20, 0x01),
  /** Select card ({@code 20 02}): {@code 00 00 90}, or {@code 00 00 81} when it failed. */
  SELECT_CARD(0x20, 0x02),
  /** Read text and photo ({@code 30 01}): {@code 00 00 90} with the card's data. */
  READ_TEXT_AND_PHOTO(0x30, 0x01);

  private final int cmd;
  private final int para;

  IdCardCommand(int cmd, int para) {
    this.cmd = cmd;
    this.para = para;
  }

  /** The whole request frame, e.g. find card {@code AA AA AA 96 69 00 03 20 01 22}. */
  public byte[] request() {
    return IdCardFrames.frame(new byte[] {(byte) cmd, (byte) para});
  }

  /** The command whose {@code CMD PARA} a request body starts with, if any. */
  public static Optional<IdCardCommand> of(byte[] body) {
    if (body.length < 2) {
      return Optional.empty();
    }
    for (IdCardCommand command : values()) {
      if ((body[0] & 0xFF) == command.cmd && (body[1] & 0xFF) == command.para) {
        return Optional.of(command);
      }
    }
    return Optional.empty();
  }
}
