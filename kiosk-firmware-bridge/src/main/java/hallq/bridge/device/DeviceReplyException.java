package hallq.bridge.device;

/**
 * A device answered, but not with what the request asks for: a Modbus exception reply, or a
 * value the protocol does not allow. Nothing is recorded from such a reply.
 */
public class DeviceReplyException extends RuntimeException {

  private final String portName;

  /**
   * @param portName the configured device path
   * @param message what the device answered
   */
  public DeviceReplyException(String portName, String message) {
    super(portName + ": " + message);
    this.portName = portName;
  }

  /** @return the configured device path */
  public String portName() {
    return portName;
  }
}
