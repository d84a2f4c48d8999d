package hallq.bridge.modbus;

import java.util.Arrays;
import java.util.Optional;

/** A decoded Modbus RTU reply from a device on the bus; CRC already checked. */
public sealed interface ModbusReply {

  int unitId();

  /**
   * Reply to 0x06 (address, value echoed) or 0x10 (start address, quantity echoed).
   *
   * @param second the value written for 0x06, the quantity of registers for 0x10
   */
  record WriteReply(int unitId, FunctionCode function, int address, int second)
      implements ModbusReply {
  }

  /** Reply to 0x03 Read Holding Registers, values as unsigned 16-bit numbers. */
  record ReadRegistersReply(int unitId, int[] values) implements ModbusReply {

    public ReadRegistersReply {
      values = values.clone();
    }

    @Override
    public int[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ReadRegistersReply that
          && unitId == that.unitId
          && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
      return 31 * unitId + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "ReadRegistersReply[unitId=" + unitId + ", values=" + Arrays.toString(values) + "]";
    }
  }

  /** Exception reply: function code with 0x80 set, then one exception code byte. */
  record ExceptionReply(int unitId, FunctionCode function, int exceptionCode)
      implements ModbusReply {

    public Optional<ExceptionCode> exception() {
      return ExceptionCode.fromWire(exceptionCode);
    }
  }
}
