package hallq.bridge.modbus;

import java.util.Optional;

/** The Modbus function codes HallQ uses on the counter bus. */
public enum FunctionCode {

  /** 0x03 Read Holding Registers: reply carries a byte count and the register values. */
  READ_HOLDING_REGISTERS(0x03),

  /** 0x06 Write Single Register: the reply echoes address and value. */
  WRITE_SINGLE_REGISTER(0x06),

  /** 0x10 Write Multiple Registers: the reply echoes start address and quantity. */
  WRITE_MULTIPLE_REGISTERS(0x10);

  static final int EXCEPTION_FLAG = 0x80;

  private final int code;

  FunctionCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<FunctionCode> fromWire(int code) {
    for (FunctionCode function : values()) {
      if (function.code == code) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }
}
