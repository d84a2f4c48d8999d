package hallq.bridge.modbus;

import java.util.Optional;

/** Standard Modbus exception codes, carried in a reply whose function code has bit 0x80 set. */
public enum ExceptionCode {
  ILLEGAL_FUNCTION(0x01),
  ILLEGAL_DATA_ADDRESS(0x02),
  ILLEGAL_DATA_VALUE(0x03),
  SERVER_DEVICE_FAILURE(0x04),
  ACKNOWLEDGE(0x05),
  SERVER_DEVICE_BUSY(0x06),
  MEMORY_PARITY_ERROR(0x08),
  GATEWAY_PATH_UNAVAILABLE(0x0A),
  GATEWAY_TARGET_FAILED_TO_RESPOND(0x0B);

  private final int code;

  ExceptionCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ExceptionCode> fromWire(int code) {
    for (ExceptionCode exception : values()) {
      if (exception.code == code) {
        return Optional.of(exception);
      }
    }
    return Optional.empty();
  }
}
