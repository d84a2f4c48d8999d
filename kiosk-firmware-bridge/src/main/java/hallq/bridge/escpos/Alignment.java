package hallq.bridge.escpos;

/** Justification selected by {@code ESC a n}. */
public enum Alignment {
  LEFT(0x00),
  CENTER(0x01),
  RIGHT(0x02);

  private final byte wireValue;

  Alignment(int wireValue) {
    this.wireValue = (byte) wireValue;
  }

  byte wireValue() {
    return wireValue;
  }
}
