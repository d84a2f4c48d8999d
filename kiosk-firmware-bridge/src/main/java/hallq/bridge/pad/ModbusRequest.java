package hallq.bridge.pad;

import hallq.bridge.modbus.FunctionCode;
import java.util.Arrays;

/**
 * A Modbus RTU request as a device on the counter bus receives it; CRC already checked.
 *
 * @param unitId the addressed unit
 * @param function 0x03, 0x06 or 0x10
 * @param address the first register
 * @param quantity registers to read (0x03) or written (0x06: 1, 0x10: the count)
 * @param values the values written; empty for 0x03
 */
public record ModbusRequest(
    int unitId, FunctionCode function, int address, int quantity, int[] values) {

  public ModbusRequest {
    values = values.clone();
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModbusRequest that
        && unitId == that.unitId
        && function == that.function
        && address == that.address
        && quantity == that.quantity
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return ((31 * unitId + function.hashCode()) * 31 + address) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ModbusRequest[unitId=" + unitId + ", function=" + function + ", address=" + address
        + ", quantity=" + quantity + ", values=" + Arrays.toString(values) + "]";
  }
}
