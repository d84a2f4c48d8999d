package hallq.bridge.escpos;

/** QR code error correction level, as sent by {@code GS ( k} function 169 (cn 49, fn 69). */
public enum ErrorCorrection {
  L(0x30),
  M(0x31),
  Q(0x32),
  H(0x33);

  private final byte wireValue;

  ErrorCorrection(int wireValue) {
    this.wireValue = (byte) wireValue;
  }

  byte wireValue() {
    return wireValue;
  }
}
