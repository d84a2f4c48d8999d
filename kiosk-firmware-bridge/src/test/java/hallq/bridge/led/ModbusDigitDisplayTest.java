package hallq.bridge.led;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden 0x10 frames of the digit-display register map, and the reply reader. */
class ModbusDigitDisplayTest {

  static final String CALL_A012_TO_3 =
      "01 10 00 00 00 06 0C 41 30 31 32 00 00 00 00 00 03 00 01 24 B0";
  static final String PAUSED_3 = "01 10 00 00 00 06 0C 00 00 00 00 00 00 00 00 00 03 00 02 7B 16";
  static final String IDLE_3 = "01 10 00 00 00 06 0C 00 00 00 00 00 00 00 00 00 03 00 00 FA D7";
  static final String WRITE_ECHO = "01 10 00 00 00 06 40 0B";
  static final String EXCEPTION_03 = "01 90 03 0C 01";
  static final String EXCEPTION_02 = "01 90 02 CD C1";
  static final String READ_ALL = "01 03 00 00 00 06 C5 C8";

  private final ModbusDigitDisplay display = new ModbusDigitDisplay(1);

  @Test
  void goldenFramesCarryAValidCrc() {
    for (String frame : new String[] {CALL_A012_TO_3, PAUSED_3, IDLE_3, WRITE_ECHO, EXCEPTION_03,
        EXCEPTION_02, READ_ALL, "01 10 00 00 00 01 02 00 02 27 91", "01 10 00 00 00 01 01 C9"}) {
      assertTrue(LedCrcCheck.modbusTrailerValid(Hex.bytes(frame)), frame);
    }
  }

  @Test
  void eachContentIsOneWriteOfAllSixRegisters() {
    assertEquals(CALL_A012_TO_3, Hex.spaced(display.request(new LedContent.Call("A012", 3))));
    assertEquals(PAUSED_3, Hex.spaced(display.request(new LedContent.Paused(3))));
    assertEquals(IDLE_3, Hex.spaced(display.request(new LedContent.Idle(3))));
  }

  @Test
  void registersHoldNumberCounterAndMode() {
    assertArrayEquals(new int[] {0x4130, 0x3132, 0, 0, 3, 1},
        ModbusDigitDisplay.registers(new LedContent.Call("A012", 3)));
    assertArrayEquals(new int[] {0x4130, 0x3132, 0x3334, 0x3536, 0x1234, 1},
        ModbusDigitDisplay.registers(new LedContent.Call("A0123456", 0x1234)));
    assertArrayEquals(new int[] {0, 0, 0, 0, 9, 2},
        ModbusDigitDisplay.registers(new LedContent.Paused(9)));
  }

  @Test
  void numberRoundTripsThroughRegisterWords() {
    assertEquals("A012", ModbusDigitDisplay.number(ModbusDigitDisplay.numberWords("A012")));
    assertEquals("B7", ModbusDigitDisplay.number(ModbusDigitDisplay.numberWords("B7")));
    assertEquals("A?", ModbusDigitDisplay.number(new int[] {0x4180, 0}));
    assertThrows(IllegalArgumentException.class, () -> ModbusDigitDisplay.numberWords("123456789"));
  }

  @Test
  void echoFedOneByteAtATimeIsAcknowledgedOnItsLastByte() {
    LedReplyReader reader = display.newReplyReader();
    byte[] echo = Hex.bytes(WRITE_ECHO);
    for (int i = 0; i < echo.length - 1; i++) {
      assertEquals(Optional.empty(), reader.feed(new byte[] {echo[i]}), "byte " + i);
    }
    assertEquals(Optional.of(new LedAck(true, "Modbus write echo")),
        reader.feed(new byte[] {echo[echo.length - 1]}));
  }

  @Test
  void echoAfterGarbageIsFound() {
    LedReplyReader reader = display.newReplyReader();
    // 01 10 … starts a candidate echo whose CRC fails: dropped, the scan resumes a byte later.
    assertEquals(Optional.of(new LedAck(true, "Modbus write echo")),
        reader.feed(Hex.bytes("FF 00 01 10 00 00 00 06 00 " + WRITE_ECHO)));
    assertTrue(reader.droppedFrames() >= 1, "dropped " + reader.droppedFrames());
  }

  @Test
  void exceptionRepliesAreNotOkAndNamed() {
    assertEquals(Optional.of(new LedAck(false, "Modbus exception 03 ILLEGAL_DATA_VALUE")),
        display.newReplyReader().feed(Hex.bytes(EXCEPTION_03)));
    assertEquals(Optional.of(new LedAck(false, "Modbus exception 02 ILLEGAL_DATA_ADDRESS")),
        display.newReplyReader().feed(Hex.bytes(EXCEPTION_02)));
  }

  @Test
  void otherUnitsAndOtherWritesAreIgnored() {
    LedReplyReader reader = display.newReplyReader();
    assertEquals(Optional.empty(), reader.feed(Hex.bytes("01 10 00 00 00 01 01 C9")));
    assertEquals(Optional.empty(), reader.feed(Hex.bytes("02 10 00 00 00 06 40 38")));
    assertEquals(Optional.empty(), reader.feed(Hex.bytes("01 06 00 00 00 01 48 0A")));
    assertEquals(0, reader.droppedFrames());
    assertTrue(reader.feed(Hex.bytes(WRITE_ECHO)).orElseThrow().ok());
  }

  @Test
  void badCrcIsDroppedAndCounted() {
    LedReplyReader reader = display.newReplyReader();
    byte[] corrupt = Hex.bytes(WRITE_ECHO);
    corrupt[7] ^= 0x40;
    assertEquals(Optional.empty(), reader.feed(corrupt));
    assertEquals(1, reader.droppedFrames());
  }
}
