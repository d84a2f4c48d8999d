package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Golden bytes of PAD-PROTOCOL.md and the interpretation of the pad's registers. */
class PadRegistersTest {

  static final String OPEN = "03 10 00 00 00 03 06 00 01 01 02 00 0A FC 39";
  static final String READ_RESULT = "03 03 00 00 00 06 C4 2A";
  static final String CLOSE = "03 10 00 00 00 01 02 00 00 BF 30";
  static final String RATED_4_REPLY = "03 03 0C 00 01 01 02 00 0A 00 01 00 04 00 00 8B 29";
  static final String RATED_2_REASON_3_REPLY =
      "03 03 0C 00 01 01 02 00 0A 00 01 00 02 00 03 2B 29";
  static final String TIMED_OUT_REPLY = "03 03 0C 00 01 01 02 00 0A 00 02 00 00 00 00 8E E8";

  private static final int UNIT = 3;
  private static final int REQUEST_ID = 0x0102;

  @Test
  void goldenFramesOfTheProtocolDocumentCarryAValidModbusCrc() {
    for (String frame : new String[] {OPEN, READ_RESULT, CLOSE, RATED_4_REPLY,
        RATED_2_REASON_3_REPLY, TIMED_OUT_REPLY, "03 10 00 00 00 03 81 EA",
        "03 10 00 00 00 01 00 2B", "03 83 02 61 31"}) {
      assertTrue(ModbusCrcCheck.hasValidTrailer(Hex.bytes(frame)), frame);
    }
  }

  @Test
  void testCrcAgreesWithTheDevicesMdVectors() {
    assertTrue(ModbusCrcCheck.hasValidTrailer(Hex.bytes("01 10 00 00 00 01 02 00 02 27 91")));
    assertTrue(ModbusCrcCheck.hasValidTrailer(Hex.bytes("01 10 00 00 00 01 01 C9")));
    assertTrue(ModbusCrcCheck.hasValidTrailer(Hex.bytes("01 06 00 00 00 01 48 0A")));
  }

  @Test
  @DisplayName("请评价: opening a request writes command, id and window in one 0x10 frame")
  void openRequestIsGolden() {
    assertEquals(OPEN, Hex.spaced(PadRegisters.openRequest(UNIT, REQUEST_ID, 10)));
    assertEquals(OPEN, Hex.spaced(PadRegisters.openRequest(UNIT, REQUEST_ID)));
  }

  @Test
  void readResultAndCloseAreGolden() {
    assertEquals(READ_RESULT, Hex.spaced(PadRegisters.readResult(UNIT)));
    assertEquals(CLOSE, Hex.spaced(PadRegisters.closeRequest(UNIT)));
  }

  @Test
  void windowOutsideItsRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PadRegisters.openRequest(UNIT, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> PadRegisters.openRequest(UNIT, 1, 601));
  }

  @Test
  void goldenRepliesAreInterpreted() {
    assertEquals(new PadResult.Rated(Score.SATISFIED, RatingReason.NONE),
        PadRegisters.interpret(REQUEST_ID, valuesOf(RATED_4_REPLY)));
    assertEquals(new PadResult.Rated(Score.DISSATISFIED, RatingReason.POOR_ATTITUDE),
        PadRegisters.interpret(REQUEST_ID, valuesOf(RATED_2_REASON_3_REPLY)));
    assertEquals(new PadResult.TimedOut(),
        PadRegisters.interpret(REQUEST_ID, valuesOf(TIMED_OUT_REPLY)));
  }

  @Test
  void pendingOnlyWhileTheRequestIsOpen() {
    assertEquals(new PadResult.Pending(),
        PadRegisters.interpret(7, new int[] {1, 7, 10, 0, 0, 0}));
    assertInstanceOf(PadResult.Invalid.class,
        PadRegisters.interpret(7, new int[] {0, 7, 10, 0, 0, 0}));
  }

  @Test
  void invalidRegisterValuesGiveAnInvalidResultNeverAnException() {
    int[][] bad = {
        {1, 7, 10, 1, 7, 0},   // score 7
        {1, 7, 10, 1, 0, 0},   // score 0
        {1, 7, 10, 1, 1, 6},   // reason 6
        {1, 7, 10, 1, 5, 1},   // reason with a high score
        {1, 7, 10, 3, 4, 0},   // unknown status
        {1, 8, 10, 1, 4, 0},   // another request's result
        {1, 7, 10, 1, 4},      // too few registers
    };
    for (int[] values : bad) {
      assertInstanceOf(PadResult.Invalid.class, PadRegisters.interpret(7, values));
    }
    assertInstanceOf(PadResult.Invalid.class, PadRegisters.interpret(7, null));
  }

  @Test
  void scoresAndReasonsCarryTheirWireValues() {
    assertEquals(5, Score.VERY_SATISFIED.value());
    assertEquals(1, Score.VERY_DISSATISFIED.value());
    assertTrue(Score.DISSATISFIED.isLow());
    assertEquals(4, RatingReason.UNFAMILIAR_WITH_BUSINESS.code());
    assertTrue(Score.fromWire(6).isEmpty());
  }

  private static int[] valuesOf(String reply) {
    return ((ModbusReply.ReadRegistersReply)
        ModbusRtu.decodeReply(Hex.bytes(reply))).values();
  }

  @Test
  void readRequestAsksForAllSixRegisters() {
    assertArrayEquals(Hex.bytes(READ_RESULT), ModbusRtu.readHoldingRegisters(UNIT, 0, 6));
  }
}
