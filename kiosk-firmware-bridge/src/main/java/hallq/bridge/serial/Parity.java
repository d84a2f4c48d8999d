package hallq.bridge.serial;

import jssc.SerialPort;

/** Parity of a serial frame. */
public enum Parity {
  NONE(SerialPort.PARITY_NONE),
  ODD(SerialPort.PARITY_ODD),
  EVEN(SerialPort.PARITY_EVEN);

  private final int jsscValue;

  Parity(int jsscValue) {
    this.jsscValue = jsscValue;
  }

  int jsscValue() {
    return jsscValue;
  }
}
