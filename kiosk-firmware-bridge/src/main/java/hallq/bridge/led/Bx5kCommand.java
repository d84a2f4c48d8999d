package hallq.bridge.led;

/** Onbon BX-5K commands HallQ sends, as (CmdGroup, Cmd) pairs. */
public enum Bx5kCommand {

  /** {@code A1 02} read controller status. */
  READ_STATUS(0xA1, 0x02),

  /** {@code A2 00} ping: is the controller at this address alive. */
  PING(0xA2, 0x00),

  /** {@code A3 06} write text into a real-time dynamic area. */
  DYNAMIC_AREA(0xA3, 0x06),

  /** {@code A3 10} clear the screen. */
  CLEAR_SCREEN(0xA3, 0x10);

  private final int group;
  private final int code;

  Bx5kCommand(int group, int code) {
    this.group = group;
    this.code = code;
  }

  public int group() {
    return group;
  }

  public int code() {
    return code;
  }
}
