package hallq.bridge.escpos;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.escpos.PrinterStatus.Condition;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrinterStatusTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void requestIsDleEotN(int n) {
    assertEquals("10 04 0" + n, Hex.spaced(PrinterStatus.request(n)));
  }

  @Test
  void requestOutsideOneToFourIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> PrinterStatus.request(0));
    assertThrows(IllegalArgumentException.class, () -> PrinterStatus.request(5));
  }

  @Test
  void paperSensorFineReply() {
    PrinterStatus status = PrinterStatus.decode(4, (byte) 0x12);

    assertTrue(status.valid());
    assertEquals(Set.of(), status.conditions());
    assertTrue(status.isOk());
    assertEquals(0x12, status.raw());
    assertEquals(4, status.function());
  }

  @Test
  void paperSensorNearEndReply() {
    PrinterStatus status = PrinterStatus.decode(4, (byte) 0x1E);

    assertTrue(status.valid());
    assertEquals(Set.of(Condition.PAPER_NEAR_END), status.conditions());
    assertFalse(status.isOk());
  }

  @Test
  void paperSensorPaperEndReply() {
    PrinterStatus status = PrinterStatus.decode(4, (byte) 0x72);

    assertTrue(status.valid());
    assertEquals(Set.of(Condition.PAPER_END), status.conditions());
    assertTrue(status.has(Condition.PAPER_END));
    assertFalse(status.has(Condition.PAPER_NEAR_END));
  }

  @Test
  void invalidByteIsAnInvalidResultNotAnException() {
    PrinterStatus status = PrinterStatus.decode(4, (byte) 0xFF);

    assertFalse(status.valid());
    assertEquals(Set.of(), status.conditions());
    assertFalse(status.isOk());
    assertEquals(0xFF, status.raw());
  }

  @Test
  void byteMissingFixedBitIsInvalid() {
    // 0x10 lacks the fixed bit 1 that every status byte carries.
    assertFalse(PrinterStatus.decode(2, (byte) 0x10).valid());
  }

  @Test
  void offlineCauseConditions() {
    assertEquals(Set.of(Condition.COVER_OPEN), PrinterStatus.decode(2, (byte) 0x16).conditions());
    assertEquals(Set.of(Condition.STOPPED_AT_PAPER_END),
        PrinterStatus.decode(2, (byte) 0x32).conditions());
    assertEquals(Set.of(Condition.ERROR), PrinterStatus.decode(2, (byte) 0x52).conditions());
    assertEquals(Set.of(Condition.COVER_OPEN, Condition.STOPPED_AT_PAPER_END, Condition.ERROR),
        PrinterStatus.decode(2, (byte) 0x76).conditions());
  }

  @Test
  void errorCauseCutterError() {
    assertEquals(Set.of(Condition.CUTTER_ERROR),
        PrinterStatus.decode(3, (byte) 0x1A).conditions());
    assertTrue(PrinterStatus.decode(3, (byte) 0x12).isOk());
  }

  @Test
  void bitsAreReadForTheRequestedFunctionOnly() {
    // 0x1E means "paper near end" to n = 4 but "cover open" plus bit 3 to n = 2.
    assertEquals(Set.of(Condition.COVER_OPEN), PrinterStatus.decode(2, (byte) 0x1E).conditions());
    assertEquals(Set.of(Condition.CUTTER_ERROR),
        PrinterStatus.decode(3, (byte) 0x1E).conditions());
    assertEquals(Set.of(), PrinterStatus.decode(1, (byte) 0x1E).conditions());
  }

  @Test
  void decodeRejectsUnknownFunction() {
    assertThrows(IllegalArgumentException.class, () -> PrinterStatus.decode(5, (byte) 0x12));
  }
}
