package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import hallq.bridge.modbus.ExceptionCode;
import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge as master and a simulated clerk keypad, exchanging real frames in memory. */
class KeypadExchangeTest {

  private static final int UNIT = 4;

  private final InMemoryBus bus = new InMemoryBus(1);
  private final KeyPressDetector detector = new KeyPressDetector();

  @Test
  void eachPressIsDetectedOnce() {
    KeypadSimulator keypad = attach(new KeypadSimulator(UNIT, bus.replies()));
    assertEquals(new KeyReading.NoPress(0), poll());

    keypad.press(Key.CALL_NEXT);
    assertEquals(new KeyReading.KeyPress(Key.CALL_NEXT, 1, 0), poll());
    assertEquals(new KeyReading.NoPress(1), poll());

    keypad.press(Key.START);
    assertEquals(new KeyReading.KeyPress(Key.START, 2, 0), poll());
    keypad.press(Key.FINISH);
    keypad.press(Key.REQUEST_RATING);
    assertEquals(new KeyReading.KeyPress(Key.REQUEST_RATING, 4, 1), poll());
    assertEquals(new KeyReading.NoPress(4), poll());
  }

  @Test
  void counterWrapsAt65535() {
    KeypadSimulator keypad = attach(new KeypadSimulator(UNIT, bus.replies(), 65534));
    assertEquals(new KeyReading.NoPress(65534), poll());

    keypad.press(Key.RECALL);
    assertEquals(new KeyReading.KeyPress(Key.RECALL, 65535, 0), poll());
    keypad.press(Key.NO_SHOW);
    assertEquals(new KeyReading.KeyPress(Key.NO_SHOW, 0, 0), poll());
    keypad.press(Key.PAUSE_RESUME);
    assertEquals(new KeyReading.KeyPress(Key.PAUSE_RESUME, 1, 0), poll());
  }

  @Test
  void goldenKeyStateReply() {
    attach(new KeypadSimulator(UNIT, bus.replies(), 0x10)).press(Key.CALL_NEXT);
    assertEquals(KeypadRegistersTest.KEYS_REPLY,
        Hex.spaced(bus.exchangeRaw(Hex.bytes(KeypadRegistersTest.READ_KEYS))));
  }

  @Test
  void displayTextIsWrittenAndReadBack() {
    KeypadSimulator keypad = attach(new KeypadSimulator(UNIT, bus.replies()));
    assertEquals("04 10 00 02 00 08 60 5A",
        Hex.spaced(bus.exchangeRaw(KeypadRegisters.writeDisplay(UNIT, "A012"))));
    assertEquals("A012", keypad.displayText());
    assertEquals("A012",
        KeypadRegisters.displayText(bus.read(KeypadRegisters.readDisplay(UNIT))));

    bus.exchange(KeypadRegisters.writeDisplay(UNIT, KeypadRegisters.NO_ONE_WAITING));
    assertEquals("NONE",
        KeypadRegisters.displayText(bus.read(KeypadRegisters.readDisplay(UNIT))));
  }

  @Test
  void keyRegistersAreReadOnly() {
    KeypadSimulator keypad = attach(new KeypadSimulator(UNIT, bus.replies()));
    assertEquals(new ModbusReply.ExceptionReply(UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS,
            ExceptionCode.ILLEGAL_DATA_ADDRESS.code()),
        bus.exchange(ModbusRtu.writeMultipleRegisters(UNIT, 0, 9, 9)));
    assertEquals(0, keypad.registers()[KeypadRegisters.EVENT_COUNTER]);
  }

  @Test
  void readBeyondTheDisplayIsException02() {
    attach(new KeypadSimulator(UNIT, bus.replies()));
    assertEquals(new ModbusReply.ExceptionReply(UNIT, FunctionCode.READ_HOLDING_REGISTERS,
            ExceptionCode.ILLEGAL_DATA_ADDRESS.code()),
        bus.exchange(ModbusRtu.readHoldingRegisters(UNIT, 2, 9)));
  }

  @Test
  void otherUnitsFramesAndBadCrcAreIgnored() {
    KeypadSimulator keypad = attach(new KeypadSimulator(UNIT, bus.replies()));
    assertEquals(List.of(), bus.send(KeypadRegisters.writeDisplay(UNIT + 1, "B001")));
    byte[] corrupt = KeypadRegisters.writeDisplay(UNIT, "B001");
    corrupt[8] ^= 0x20;
    assertEquals(List.of(), bus.send(corrupt));

    assertEquals("", keypad.displayText());
    assertEquals(1, keypad.otherUnitFrames());
    assertTrue(keypad.droppedFrames() >= 1, "the bad frame and any candidates inside it");
  }

  private KeypadSimulator attach(KeypadSimulator keypad) {
    bus.attach(keypad::feed);
    return keypad;
  }

  private KeyReading poll() {
    return detector.next(bus.read(KeypadRegisters.readKeyState(UNIT)));
  }
}
