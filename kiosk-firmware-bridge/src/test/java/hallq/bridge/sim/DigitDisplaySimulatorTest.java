package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.bridge.Hex;
import hallq.bridge.led.LedAck;
import hallq.bridge.led.LedContent;
import hallq.bridge.led.LedReplyReader;
import hallq.bridge.led.ModbusDigitDisplay;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The digit-display protocol's frames through the simulator and its replies back. */
class DigitDisplaySimulatorTest {

  private static final int UNIT = 1;
  private static final String WRITE_ECHO = "01 10 00 00 00 06 40 0B";
  private static final LedAck OK = new LedAck(true, "Modbus write echo");
  // README example frames beyond those in ModbusDigitDisplayTest
  private static final String READ_ALL = "01 03 00 00 00 06 C5 C8";
  private static final String READ_REPLY_CALL_A012_TO_3 =
      "01 03 0C 41 30 31 32 00 00 00 00 00 03 00 01 BD 17";
  private static final String BAD_MODE_7 =
      "01 10 00 00 00 06 0C 42 39 00 00 00 00 00 00 00 04 00 07 23 B0";

  private final List<byte[]> replies = new ArrayList<>();
  private final DigitDisplaySimulator display = new DigitDisplaySimulator(UNIT, replies::add);
  private final ModbusDigitDisplay protocol = new ModbusDigitDisplay(UNIT);

  @Test
  void callShowsNumberAndCounter() {
    assertEquals(Optional.of(OK), exchange(new LedContent.Call("A012", 3)));
    assertEquals("A012", display.shownNumber());
    assertEquals(3, display.shownCounter());
    assertEquals(1, display.mode());
    assertEquals("A012 → 3 (call)", display.describe());
    assertEquals(WRITE_ECHO, Hex.spaced(replies.get(0)));
  }

  @Test
  void pausedLightsTheLegendAndClearsTheNumber() {
    exchange(new LedContent.Call("A012", 3));
    assertEquals(Optional.of(OK), exchange(new LedContent.Paused(3)));
    assertEquals("", display.shownNumber());
    assertEquals(2, display.mode());
    assertEquals("暂停服务 (3)", display.describe());
  }

  @Test
  void idleBlanksTheDisplay() {
    exchange(new LedContent.Call("A0123456", 7));
    assertEquals("A0123456", display.shownNumber());
    assertEquals(Optional.of(OK), exchange(new LedContent.Idle(7)));
    assertEquals("", display.shownNumber());
    assertEquals(7, display.shownCounter());
    assertEquals(0, display.mode());
    assertEquals("(blank)", display.describe());
  }

  @Test
  void requestFedOneByteAtATimeIsAnsweredOnItsLastByte() {
    byte[] frame = protocol.request(new LedContent.Call("A012", 3));
    for (int i = 0; i < frame.length - 1; i++) {
      display.feed(new byte[] {frame[i]});
    }
    assertEquals(0, replies.size());
    display.feed(new byte[] {frame[frame.length - 1]});
    assertEquals(1, replies.size());
    assertEquals("A012", display.shownNumber());
  }

  @Test
  void garbageBeforeARequestIsSkipped() {
    display.feed(Hex.bytes("FF 00 01 10 00 00 00 06 0C 41"));
    display.feed(protocol.request(new LedContent.Call("A012", 3)));
    assertEquals("A012", display.shownNumber());
    assertEquals(1, replies.size());
  }

  @Test
  void modeOutOfRangeIsRefusedWithException03AndNotApplied() {
    exchange(new LedContent.Call("A012", 3));
    replies.clear();
    byte[] badMode = ModbusRtu.writeMultipleRegisters(UNIT, 0, 0x4239, 0, 0, 0, 4, 7);
    assertEquals(BAD_MODE_7, Hex.spaced(badMode));
    display.feed(badMode);
    assertEquals("01 90 03 0C 01", Hex.spaced(replies.get(0)));
    assertEquals(Optional.of(new LedAck(false, "Modbus exception 03 ILLEGAL_DATA_VALUE")),
        protocol.newReplyReader().feed(replies.get(0)));
    assertEquals("A012", display.shownNumber());
    assertEquals(1, display.mode());
  }

  @Test
  void registersReadBackAndOutOfRangeIsException02() {
    exchange(new LedContent.Call("A012", 3));
    replies.clear();
    display.feed(Hex.bytes(READ_ALL));
    assertEquals(READ_REPLY_CALL_A012_TO_3, Hex.spaced(replies.get(0)));
    assertEquals(new ModbusReply.ReadRegistersReply(UNIT, new int[] {0x4130, 0x3132, 0, 0, 3, 1}),
        ModbusRtu.decodeReply(replies.get(0)));
    display.feed(ModbusRtu.readHoldingRegisters(UNIT, 4, 3));
    assertEquals("01 83 02 C0 F1", Hex.spaced(replies.get(1)));
    display.feed(ModbusRtu.writeSingleRegister(UNIT, 6, 1));
    assertEquals("01 86 02 C3 A1", Hex.spaced(replies.get(2)));
    assertArrayEquals(new int[] {0x4130, 0x3132, 0, 0, 3, 1}, display.registers());
  }

  @Test
  void otherUnitsAndBadCrcsAreNotAnswered() {
    display.feed(new ModbusDigitDisplay(2).request(new LedContent.Call("A012", 3)));
    byte[] corrupt = protocol.request(new LedContent.Call("A012", 3));
    corrupt[corrupt.length - 1] ^= 0x01;
    display.feed(corrupt);
    assertEquals(0, replies.size());
    assertEquals(1, display.otherUnitFrames());
    assertEquals(1, display.droppedFrames());
    assertEquals("", display.shownNumber());
  }

  @Test
  void goldenFramesOfTheReadmeCarryAValidCrc() {
    for (String frame : new String[] {READ_ALL,
        READ_REPLY_CALL_A012_TO_3, BAD_MODE_7}) {
      byte[] bytes = Hex.bytes(frame);
      int crc = 0xFFFF;
      for (int i = 0; i < bytes.length - 2; i++) {
        crc ^= bytes[i] & 0xFF;
        for (int bit = 0; bit < 8; bit++) {
          crc = (crc & 1) == 0 ? crc >>> 1 : crc >>> 1 ^ 0xA001;
        }
      }
      assertEquals(crc, (bytes[bytes.length - 2] & 0xFF) | (bytes[bytes.length - 1] & 0xFF) << 8,
          frame);
    }
  }

  private Optional<LedAck> exchange(LedContent content) {
    int before = replies.size();
    display.feed(protocol.request(content));
    assertEquals(before + 1, replies.size(), "one reply per request");
    LedReplyReader reader = protocol.newReplyReader();
    return reader.feed(replies.get(replies.size() - 1));
  }
}
