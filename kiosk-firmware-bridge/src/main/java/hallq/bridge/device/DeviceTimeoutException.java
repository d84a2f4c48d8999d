package hallq.bridge.device;

import java.time.Duration;

/**
 * A device did not send a complete reply in time. The port stays open: the device may be busy,
 * powered off, or (on a shared RS-485 bus) at another address, while the adapter is still there.
 */
public class DeviceTimeoutException extends RuntimeException {

  private final String portName;
  private final Duration timeout;

  /**
   * @param portName the configured device path
   * @param timeout how long the reply was awaited
   * @param what the request that went unanswered, for the message
   */
  public DeviceTimeoutException(String portName, Duration timeout, String what) {
    super(portName + ": no complete reply to " + what + " within " + timeout.toMillis() + " ms");
    this.portName = portName;
    this.timeout = timeout;
  }

  /** @return the configured device path */
  public String portName() {
    return portName;
  }

  /** @return how long the reply was awaited */
  public Duration timeout() {
    return timeout;
  }
}
