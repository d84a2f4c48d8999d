package hallq.bridge.modbus;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModbusRtuTest {

  @Test
  void writeMultipleRegistersMatchesTheGoldenRequest() {
    assertEquals("01 10 00 00 00 01 02 00 02 27 91",
        Hex.spaced(ModbusRtu.writeMultipleRegisters(1, 0, 2)));
  }

  @Test
  void writeSingleRegisterMatchesTheGoldenRequest() {
    assertEquals("01 06 00 00 00 01 48 0A", Hex.spaced(ModbusRtu.writeSingleRegister(1, 0, 1)));
  }

  @Test
  void readHoldingRegistersRequestIsBigEndianWithModbusCrc() {
    assertEquals("01 03 00 00 00 0A C5 CD", Hex.spaced(ModbusRtu.readHoldingRegisters(1, 0, 10)));
  }

  @Test
  void writeMultipleRegistersCarriesEveryValueBigEndian() {
    byte[] frame = ModbusRtu.writeMultipleRegisters(0x11, 0x0102, 0xA1B2, 0x00FF);
    assertArrayEquals(Hex.bytes("11 10 01 02 00 02 04 A1 B2 00 FF"),
        Arrays.copyOf(frame, frame.length - 2));
    assertEquals(Crc16.MODBUS.compute(frame, 0, frame.length - 2),
        (frame[frame.length - 2] & 0xFF) | (frame[frame.length - 1] & 0xFF) << 8);
  }

  @Test
  void decodesTheGoldenWriteMultipleRegistersReply() {
    ModbusReply reply = ModbusRtu.decodeReply(Hex.bytes("01 10 00 00 00 01 01 C9"));
    assertEquals(new ModbusReply.WriteReply(1, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, 1), reply);
  }

  @Test
  void decodesTheWriteSingleRegisterEcho() {
    ModbusReply reply = ModbusRtu.decodeReply(Hex.bytes("01 06 00 00 00 01 48 0A"));
    assertEquals(new ModbusReply.WriteReply(1, FunctionCode.WRITE_SINGLE_REGISTER, 0, 1), reply);
  }

  @Test
  void decodesAnExceptionReply() {
    ModbusReply reply = ModbusRtu.decodeReply(Hex.bytes("01 90 06 CC 02"));
    ModbusReply.ExceptionReply exception = (ModbusReply.ExceptionReply) reply;
    assertEquals(FunctionCode.WRITE_MULTIPLE_REGISTERS, exception.function());
    assertEquals(Optional.of(ExceptionCode.SERVER_DEVICE_BUSY), exception.exception());
  }

  @Test
  void decodesAnIllegalDataAddressException() {
    assertEquals(
        new ModbusReply.ExceptionReply(1, FunctionCode.READ_HOLDING_REGISTERS, 0x02),
        ModbusRtu.decodeReply(Hex.bytes("01 83 02 C0 F1")));
  }

  @Test
  void decodesAReadHoldingRegistersReply() {
    assertEquals(new ModbusReply.ReadRegistersReply(1, new int[] {0x0001, 0x00FF}),
        ModbusRtu.decodeReply(Hex.bytes("01 03 04 00 01 00 FF EB B3")));
  }

  @Test
  void rejectsAReplyWithAWrongCrc() {
    assertThrows(IllegalArgumentException.class,
        () -> ModbusRtu.decodeReply(Hex.bytes("01 10 00 00 00 01 01 C8")));
  }

  @Test
  void rejectsATruncatedReply() {
    assertThrows(IllegalArgumentException.class,
        () -> ModbusRtu.decodeReply(Hex.bytes("01 10 00 00 00 01 01")));
  }

  @Test
  void rejectsOutOfRangeArguments() {
    assertThrows(IllegalArgumentException.class, () -> ModbusRtu.writeSingleRegister(0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ModbusRtu.writeSingleRegister(248, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ModbusRtu.writeSingleRegister(1, 0, 65536));
    assertThrows(IllegalArgumentException.class, () -> ModbusRtu.writeMultipleRegisters(1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> ModbusRtu.writeMultipleRegisters(1, 0, new int[124]));
    assertThrows(IllegalArgumentException.class, () -> ModbusRtu.readHoldingRegisters(1, 0, 126));
  }
}
