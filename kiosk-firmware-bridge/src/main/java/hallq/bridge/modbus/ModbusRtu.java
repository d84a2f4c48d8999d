package hallq.bridge.modbus;

import java.util.Optional;

/**
 * Modbus RTU requests and replies for the HallQ counter bus: {@code addr fc data… CRC16/MODBUS},
 * CRC low byte first. Pure codec; timing (3.5 character silence) belongs to the serial link.
 */
public final class ModbusRtu {

  /** Unit ids a server may answer from; 0 is broadcast and never replies. */
  public static final int MIN_UNIT_ID = 1;
  public static final int MAX_UNIT_ID = 247;

  /** 0x10 writes at most 123 registers; 0x03 reads at most 125. */
  public static final int MAX_WRITE_REGISTERS = 123;
  public static final int MAX_READ_REGISTERS = 125;

  static final int WRITE_REPLY_LENGTH = 8;
  static final int EXCEPTION_REPLY_LENGTH = 5;
  static final int READ_REPLY_OVERHEAD = 5;
  static final int MAX_FRAME_LENGTH = 256;
  static final int NEED_MORE = 0;
  static final int NOT_A_FRAME = -1;

  private ModbusRtu() {
  }

  /** 0x06 Write Single Register: {@code unit 06 addrHi addrLo valueHi valueLo crcLo crcHi}. */
  public static byte[] writeSingleRegister(int unitId, int address, int value) {
    requireUnitId(unitId);
    requireWord("address", address);
    requireWord("value", value);
    byte[] frame = new byte[WRITE_REPLY_LENGTH];
    frame[0] = (byte) unitId;
    frame[1] = (byte) FunctionCode.WRITE_SINGLE_REGISTER.code();
    putWord(frame, 2, address);
    putWord(frame, 4, value);
    return withCrc(frame);
  }

  /**
   * 0x10 Write Multiple Registers:
   * {@code unit 10 startHi startLo qtyHi qtyLo byteCount values… crcLo crcHi}.
   */
  public static byte[] writeMultipleRegisters(int unitId, int startAddress, int... values) {
    requireUnitId(unitId);
    requireWord("start address", startAddress);
    if (values.length < 1 || values.length > MAX_WRITE_REGISTERS) {
      throw new IllegalArgumentException(
          "register count must be 1.." + MAX_WRITE_REGISTERS + ": " + values.length);
    }
    byte[] frame = new byte[7 + 2 * values.length + 2];
    frame[0] = (byte) unitId;
    frame[1] = (byte) FunctionCode.WRITE_MULTIPLE_REGISTERS.code();
    putWord(frame, 2, startAddress);
    putWord(frame, 4, values.length);
    frame[6] = (byte) (2 * values.length);
    for (int i = 0; i < values.length; i++) {
      requireWord("value", values[i]);
      putWord(frame, 7 + 2 * i, values[i]);
    }
    return withCrc(frame);
  }

  /** 0x03 Read Holding Registers: {@code unit 03 startHi startLo qtyHi qtyLo crcLo crcHi}. */
  public static byte[] readHoldingRegisters(int unitId, int startAddress, int quantity) {
    requireUnitId(unitId);
    requireWord("start address", startAddress);
    if (quantity < 1 || quantity > MAX_READ_REGISTERS) {
      throw new IllegalArgumentException(
          "register count must be 1.." + MAX_READ_REGISTERS + ": " + quantity);
    }
    byte[] frame = new byte[8];
    frame[0] = (byte) unitId;
    frame[1] = (byte) FunctionCode.READ_HOLDING_REGISTERS.code();
    putWord(frame, 2, startAddress);
    putWord(frame, 4, quantity);
    return withCrc(frame);
  }

  /**
   * Decodes one complete reply frame.
   *
   * @throws IllegalArgumentException if the bytes are not exactly one reply with a good CRC
   */
  public static ModbusReply decodeReply(byte[] frame) {
    int length = replyLength(frame, 0, frame.length);
    if (length <= 0 || length != frame.length) {
      throw new IllegalArgumentException("not a complete Modbus reply of known shape");
    }
    if (!Crc16.MODBUS.matchesTrailer(frame, 0, length - 2)) {
      throw new IllegalArgumentException("Modbus CRC mismatch");
    }
    return parse(frame, 0);
  }

  /**
   * Length of the reply starting at {@code offset}, {@link #NEED_MORE} if more bytes are needed
   * to tell, or {@link #NOT_A_FRAME} if no known reply starts there.
   */
  static int replyLength(byte[] buffer, int offset, int available) {
    if (available < 2) {
      return NEED_MORE;
    }
    int unitId = buffer[offset] & 0xFF;
    if (unitId < MIN_UNIT_ID || unitId > MAX_UNIT_ID) {
      return NOT_A_FRAME;
    }
    int functionByte = buffer[offset + 1] & 0xFF;
    Optional<FunctionCode> function =
        FunctionCode.fromWire(functionByte & ~FunctionCode.EXCEPTION_FLAG);
    if (function.isEmpty()) {
      return NOT_A_FRAME;
    }
    if ((functionByte & FunctionCode.EXCEPTION_FLAG) != 0) {
      return EXCEPTION_REPLY_LENGTH;
    }
    if (function.get() != FunctionCode.READ_HOLDING_REGISTERS) {
      return WRITE_REPLY_LENGTH;
    }
    if (available < 3) {
      return NEED_MORE;
    }
    int byteCount = buffer[offset + 2] & 0xFF;
    if (byteCount == 0 || byteCount % 2 != 0 || byteCount > 2 * MAX_READ_REGISTERS) {
      return NOT_A_FRAME;
    }
    return READ_REPLY_OVERHEAD + byteCount;
  }

  /** Parses a reply whose shape and CRC were already checked. */
  static ModbusReply parse(byte[] buffer, int offset) {
    int unitId = buffer[offset] & 0xFF;
    int functionByte = buffer[offset + 1] & 0xFF;
    FunctionCode function = FunctionCode.fromWire(functionByte & ~FunctionCode.EXCEPTION_FLAG)
        .orElseThrow();
    if ((functionByte & FunctionCode.EXCEPTION_FLAG) != 0) {
      return new ModbusReply.ExceptionReply(unitId, function, buffer[offset + 2] & 0xFF);
    }
    if (function == FunctionCode.READ_HOLDING_REGISTERS) {
      int[] values = new int[(buffer[offset + 2] & 0xFF) / 2];
      for (int i = 0; i < values.length; i++) {
        values[i] = word(buffer, offset + 3 + 2 * i);
      }
      return new ModbusReply.ReadRegistersReply(unitId, values);
    }
    return new ModbusReply.WriteReply(
        unitId, function, word(buffer, offset + 2), word(buffer, offset + 4));
  }

  private static byte[] withCrc(byte[] frame) {
    int crc = Crc16.MODBUS.compute(frame, 0, frame.length - 2);
    frame[frame.length - 2] = (byte) crc;
    frame[frame.length - 1] = (byte) (crc >>> 8);
    return frame;
  }

  private static void putWord(byte[] frame, int offset, int value) {
    frame[offset] = (byte) (value >>> 8);
    frame[offset + 1] = (byte) value;
  }

  private static int word(byte[] buffer, int offset) {
    return (buffer[offset] & 0xFF) << 8 | buffer[offset + 1] & 0xFF;
  }

  private static void requireUnitId(int unitId) {
    if (unitId < MIN_UNIT_ID || unitId > MAX_UNIT_ID) {
      throw new IllegalArgumentException("unit id must be 1..247: " + unitId);
    }
  }

  private static void requireWord(String name, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(name + " must be 0..65535: " + value);
    }
  }
}
