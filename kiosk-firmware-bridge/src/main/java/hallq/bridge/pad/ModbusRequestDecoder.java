package hallq.bridge.pad;

import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusRtu;
import hallq.bridge.modbus.RtuFrameScanner;
import java.util.Optional;

/**
 * Streaming decoder for Modbus RTU requests, the device side of {@code ModbusRtuDecoder}.
 *
 * <p>Frames are found by shape: 0x03 and 0x06 requests are 8 bytes, a 0x10 request is
 * {@code 9 + byteCount} bytes with {@code byteCount = 2 × quantity}. A candidate whose CRC
 * fails is dropped and counted and the search resumes one byte later; a byte where no request
 * can start is skipped. Broadcast (unit 0) is not used on the HallQ bus and is skipped.
 */
public final class ModbusRequestDecoder extends RtuFrameScanner<ModbusRequest> {

  private static final int FIXED_LENGTH = 8;
  private static final int WRITE_MULTIPLE_OVERHEAD = 9;
  private static final int MAX_FRAME_LENGTH =
      WRITE_MULTIPLE_OVERHEAD + 2 * ModbusRtu.MAX_WRITE_REGISTERS;

  public ModbusRequestDecoder() {
    super(MAX_FRAME_LENGTH);
  }

  @Override
  protected int frameLength(byte[] buffer, int offset, int available) {
    if (available < 2) {
      return NEED_MORE;
    }
    int unitId = buffer[offset] & 0xFF;
    if (unitId < ModbusRtu.MIN_UNIT_ID || unitId > ModbusRtu.MAX_UNIT_ID) {
      return NOT_A_FRAME;
    }
    Optional<FunctionCode> function = FunctionCode.fromWire(buffer[offset + 1] & 0xFF);
    if (function.isEmpty()) {
      return NOT_A_FRAME;
    }
    if (function.get() != FunctionCode.WRITE_MULTIPLE_REGISTERS) {
      return FIXED_LENGTH;
    }
    if (available < 7) {
      return NEED_MORE;
    }
    int quantity = word(buffer, offset + 4);
    int byteCount = buffer[offset + 6] & 0xFF;
    if (quantity < 1 || quantity > ModbusRtu.MAX_WRITE_REGISTERS || byteCount != 2 * quantity) {
      return NOT_A_FRAME;
    }
    return WRITE_MULTIPLE_OVERHEAD + byteCount;
  }

  @Override
  protected ModbusRequest parse(byte[] buffer, int offset) {
    int unitId = buffer[offset] & 0xFF;
    FunctionCode function = FunctionCode.fromWire(buffer[offset + 1] & 0xFF).orElseThrow();
    int address = word(buffer, offset + 2);
    return switch (function) {
      case READ_HOLDING_REGISTERS ->
          new ModbusRequest(unitId, function, address, word(buffer, offset + 4), new int[0]);
      case WRITE_SINGLE_REGISTER ->
          new ModbusRequest(unitId, function, address, 1, new int[] {word(buffer, offset + 4)});
      case WRITE_MULTIPLE_REGISTERS -> {
        int[] values = new int[word(buffer, offset + 4)];
        for (int i = 0; i < values.length; i++) {
          values[i] = word(buffer, offset + 7 + 2 * i);
        }
        yield new ModbusRequest(unitId, function, address, values.length, values);
      }
    };
  }

  private static int word(byte[] buffer, int offset) {
    return (buffer[offset] & 0xFF) << 8 | buffer[offset + 1] & 0xFF;
  }
}
