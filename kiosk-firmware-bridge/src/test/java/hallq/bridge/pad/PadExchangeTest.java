package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import hallq.bridge.modbus.ExceptionCode;
import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bridge as master and a simulated pad, exchanging real frames in memory. */
class PadExchangeTest {

  private static final int UNIT = 3;
  private static final int REQUEST_ID = 0x0102;

  private final InMemoryBus bus = new InMemoryBus(3);
  private final PadSimulator pad = new PadSimulator(UNIT, bus.replies());

  PadExchangeTest() {
    bus.attach(pad::feed);
  }

  @Test
  void openPressFourReadRated() {
    assertEquals(new ModbusReply.WriteReply(UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, 3),
        bus.exchange(PadRegisters.openRequest(UNIT, REQUEST_ID)));
    assertEquals(new PadResult.Pending(), result());

    assertTrue(pad.press(Score.SATISFIED));

    assertEquals(new PadResult.Rated(Score.SATISFIED, RatingReason.NONE), result());
  }

  @Test
  void repliesAreTheGoldenFrames() {
    byte[] reply = bus.exchangeRaw(Hex.bytes(PadRegistersTest.OPEN));
    assertEquals("03 10 00 00 00 03 81 EA", Hex.spaced(reply));
    pad.press(Score.SATISFIED);
    assertEquals(PadRegistersTest.RATED_4_REPLY,
        Hex.spaced(bus.exchangeRaw(Hex.bytes(PadRegistersTest.READ_RESULT))));
  }

  @Test
  void onlyTheFirstPressCounts() {
    bus.exchange(PadRegisters.openRequest(UNIT, REQUEST_ID));
    assertTrue(pad.press(Score.SATISFIED));
    assertFalse(pad.press(Score.VERY_DISSATISFIED));

    assertEquals(new PadResult.Rated(Score.SATISFIED, RatingReason.NONE), result());
    assertEquals(1, pad.ignoredPresses());
  }

  @Test
  void windowRunningOutIsTimedOutAndLaterPressesAreIgnored() {
    bus.exchange(PadRegisters.openRequest(UNIT, REQUEST_ID, 10));
    pad.tick(Duration.ofMillis(9_999));
    assertEquals(new PadResult.Pending(), result());

    pad.tick(Duration.ofMillis(1));
    assertEquals(new PadResult.TimedOut(), result());
    assertFalse(pad.press(Score.VERY_SATISFIED));
    assertEquals(new PadResult.TimedOut(), result());
    assertEquals(1, pad.ignoredPresses());
  }

  @Test
  void lowScoreCarriesItsReason() {
    bus.exchange(PadRegisters.openRequest(UNIT, REQUEST_ID));
    assertTrue(pad.press(Score.VERY_DISSATISFIED, RatingReason.LONG_WAIT));

    assertEquals(new PadResult.Rated(Score.VERY_DISSATISFIED, RatingReason.LONG_WAIT), result());
  }

  @Test
  void reasonWithAHighScoreIsRefusedBySimulator() {
    assertThrows(IllegalArgumentException.class,
        () -> pad.press(Score.SATISFIED, RatingReason.OTHER));
  }

  @Test
  void pressWithoutAnOpenRequestIsIgnored() {
    assertFalse(pad.press(Score.VERY_SATISFIED));
    assertEquals(1, pad.ignoredPresses());
  }

  @Test
  void closedRequestTakesNoMorePressesAndANewRequestStartsClean() {
    bus.exchange(PadRegisters.openRequest(UNIT, 1));
    pad.press(Score.VERY_SATISFIED);
    assertEquals(new PadResult.Rated(Score.VERY_SATISFIED, RatingReason.NONE), result(1));
    bus.exchange(PadRegisters.closeRequest(UNIT));
    assertFalse(pad.press(Score.SATISFIED));

    bus.exchange(PadRegisters.openRequest(UNIT, 2));
    assertEquals(new PadResult.Pending(), result(2));
    assertEquals(new PadResult.Invalid("request id 2 on the pad, expected 1"), result(1));
  }

  @Test
  void frameForAnotherUnitIsIgnored() {
    assertEquals(List.of(), bus.send(PadRegisters.openRequest(UNIT + 1, REQUEST_ID)));
    assertEquals(List.of(), bus.send(PadRegisters.readResult(UNIT + 1)));
    assertEquals(2, pad.otherUnitFrames());
    assertEquals(PadRegisters.COMMAND_IDLE, pad.registers()[PadRegisters.COMMAND]);
  }

  @Test
  void frameWithABadCrcIsDroppedAndCounted() {
    byte[] open = PadRegisters.openRequest(UNIT, REQUEST_ID);
    open[open.length - 1] ^= 0x01;
    assertEquals(List.of(), bus.send(open));
    assertTrue(pad.droppedFrames() >= 1, "the bad frame and any candidates inside it");
    assertEquals(PadRegisters.COMMAND_IDLE, pad.registers()[PadRegisters.COMMAND]);
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6})
  void readBeyondTheRegistersIsException02(int start) {
    assertEquals(new ModbusReply.ExceptionReply(UNIT, FunctionCode.READ_HOLDING_REGISTERS,
            ExceptionCode.ILLEGAL_DATA_ADDRESS.code()),
        bus.exchange(ModbusRtu.readHoldingRegisters(UNIT, start, 2)));
  }

  @Test
  void readOfEightRegistersIsTheGoldenException() {
    byte[] readEight = Hex.bytes("03 03 00 00 00 08 45 EE");
    assertEquals("03 83 02 61 31", Hex.spaced(bus.exchangeRaw(readEight)));
  }

  @Test
  void writeToResultRegistersIsException02() {
    assertEquals(new ModbusReply.ExceptionReply(UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS,
            ExceptionCode.ILLEGAL_DATA_ADDRESS.code()),
        bus.exchange(ModbusRtu.writeMultipleRegisters(UNIT, PadRegisters.STATUS, 1, 5, 0)));
  }

  @Test
  void unknownCommandOrZeroWindowIsException03() {
    assertEquals(new ModbusReply.ExceptionReply(UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS,
            ExceptionCode.ILLEGAL_DATA_VALUE.code()),
        bus.exchange(ModbusRtu.writeMultipleRegisters(UNIT, 0, 2, 1, 10)));
    assertEquals(new ModbusReply.ExceptionReply(UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS,
            ExceptionCode.ILLEGAL_DATA_VALUE.code()),
        bus.exchange(ModbusRtu.writeMultipleRegisters(UNIT, 0, 1, 1, 0)));
  }

  @Test
  void twoPadsOnOneBusAnswerOnlyTheirOwnAddress() {
    PadSimulator other = new PadSimulator(UNIT + 1, bus.replies());
    bus.attach(other::feed);

    bus.exchange(PadRegisters.openRequest(UNIT, 10));
    bus.exchange(PadRegisters.openRequest(UNIT + 1, 11));
    pad.press(Score.FAIRLY_SATISFIED);
    other.press(Score.DISSATISFIED, RatingReason.LOW_EFFICIENCY);

    assertEquals(new PadResult.Rated(Score.FAIRLY_SATISFIED, RatingReason.NONE), result(10));
    assertEquals(new PadResult.Rated(Score.DISSATISFIED, RatingReason.LOW_EFFICIENCY),
        PadRegisters.interpret(11, bus.read(PadRegisters.readResult(UNIT + 1))));
  }

  private PadResult result() {
    return result(REQUEST_ID);
  }

  private PadResult result(int requestId) {
    return PadRegisters.interpret(requestId, bus.read(PadRegisters.readResult(UNIT)));
  }
}
