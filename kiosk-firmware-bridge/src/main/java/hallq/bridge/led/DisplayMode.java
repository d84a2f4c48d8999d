package hallq.bridge.led;

import java.util.Optional;

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

  public static Optional<DisplayMode> fromWire(int code) {
    for (DisplayMode mode : values()) {
      if (mode.code == code) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
