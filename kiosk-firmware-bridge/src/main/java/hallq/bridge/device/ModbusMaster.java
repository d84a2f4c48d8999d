package hallq.bridge.device;

import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import hallq.bridge.modbus.ModbusRtuDecoder;
import java.time.Duration;
import java.util.Objects;

/**
 * The bus master's half of one Modbus RTU exchange with one unit: fc 0x03 reads and fc 0x10
 * writes, each checked against the reply. Replies from other units or to other functions are
 * skipped, like noise.
 */
final class ModbusMaster {

  private final DevicePort port;
  private final int unitId;

  ModbusMaster(DevicePort port, int unitId) {
    if (unitId < ModbusRtu.MIN_UNIT_ID || unitId > ModbusRtu.MAX_UNIT_ID) {
      throw new IllegalArgumentException("unit id must be 1..247: " + unitId);
    }
    this.port = Objects.requireNonNull(port, "port");
    this.unitId = unitId;
  }

  int unitId() {
    return unitId;
  }

  String portPath() {
    return port.path();
  }

  /**
   * Sends an fc 0x03 request and returns the register values.
   *
   * @throws DeviceReplyException for an exception reply or the wrong number of registers
   */
  int[] read(byte[] request, int quantity, Duration timeout) {
    ModbusReply reply = exchange(request, FunctionCode.READ_HOLDING_REGISTERS, timeout);
    int[] values = ((ModbusReply.ReadRegistersReply) reply).values();
    if (values.length != quantity) {
      throw new DeviceReplyException(port.path(), "unit " + unitId + " returned "
          + values.length + " registers, " + quantity + " were read");
    }
    return values;
  }

  /**
   * Sends an fc 0x10 request and checks that the reply echoes its start address and quantity.
   *
   * @throws DeviceReplyException for an exception reply or a wrong echo
   */
  void write(byte[] request, int address, int quantity, Duration timeout) {
    ModbusReply reply = exchange(request, FunctionCode.WRITE_MULTIPLE_REGISTERS, timeout);
    ModbusReply.WriteReply echo = (ModbusReply.WriteReply) reply;
    if (echo.address() != address || echo.second() != quantity) {
      throw new DeviceReplyException(port.path(), "unit " + unitId + " echoed a write of "
          + echo.second() + " registers at " + echo.address() + ", expected " + quantity
          + " at " + address);
    }
  }

  private ModbusReply exchange(byte[] request, FunctionCode function, Duration timeout) {
    ModbusRtuDecoder decoder = new ModbusRtuDecoder();
    ReplyReader<ModbusReply> reader = chunk -> decoder.feed(chunk)
        .stream()
        .filter(reply -> answers(reply, function))
        .findFirst();
    ModbusReply reply = port.exchange(request, reader, timeout);
    if (reply instanceof ModbusReply.ExceptionReply exception) {
      throw new DeviceReplyException(port.path(), "unit " + unitId + " answered fc 0x"
          + String.format("%02X", function.code()) + " with exception "
          + exception.exceptionCode()
          + exception.exception().map(code -> " " + code).orElse(""));
    }
    return reply;
  }

  private boolean answers(ModbusReply reply, FunctionCode function) {
    if (reply.unitId() != unitId) {
      return false;
    }
    if (reply instanceof ModbusReply.ExceptionReply exception) {
      return exception.function() == function;
    }
    if (reply instanceof ModbusReply.WriteReply write) {
      return write.function() == function;
    }
    return function == FunctionCode.READ_HOLDING_REGISTERS;
  }
}
