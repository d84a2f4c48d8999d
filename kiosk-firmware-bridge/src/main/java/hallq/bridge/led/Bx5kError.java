package hallq.bridge.led;

import java.util.Optional;

/** Error codes in a BX-5K reply. */
public enum Bx5kError {
  OK(0x00),
  BUSY(0x03),
  CRC_ERROR(0x05),
  FONT_MISSING(0x0C);

  private final int code;

  Bx5kError(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<Bx5kError> fromWire(int code) {
    for (Bx5kError error : values()) {
      if (error.code == code) {
        return Optional.of(error);
      }
    }
    return Optional.empty();
  }
}
