package hallq.bridge.serial;

/** A serial port that could not be opened, written or read; carries the port it concerns. */
public class SerialLinkException extends RuntimeException {

  private final String portName;

  /**
   * @param portName the device path of the port
   * @param message what went wrong
   * @param cause the underlying failure, may be null
   */
  public SerialLinkException(String portName, String message, Throwable cause) {
    super(portName + ": " + message, cause);
    this.portName = portName;
  }

  /** @return the device path of the port, e.g. {@code /dev/ttyUSB0} */
  public String portName() {
    return portName;
  }
}
