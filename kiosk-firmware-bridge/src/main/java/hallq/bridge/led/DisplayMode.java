package hallq.bridge.led;

/** How a BX-5K dynamic area shows its text. */
public enum DisplayMode {
  STATIC(0x01),
  MOVE_LEFT(0x03),
  MOVE_UP(0x05);

  private final int code;

  DisplayMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
