package hallq.bridge.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden {@code A3 06} frames for the three contents, and the reply reader. */
class Bx5kLedProtocolTest {

  private static final String PREAMBLE = "A5 A5 A5 A5 A5 A5 A5 A5";
  private static final String HEADER_TO_SCREEN_1 = " 01 00 00 80 00 00 00 00 00 00 FE 02";
  // DeleteAreaNum 00, AreaNum 01, then AreaDataLen; the area: type 00, x 0, y 0, width 16 (×8
  // pixels), height 16, area 0, fixed fields, SingleLine 01 NewLine 01, move left 03, exit 00,
  // speed 04, stay 05.
  private static final String AREA =
      " 00 00 00 00 00 10 00 10 00 00 00 00 00 00 00 00 00 01 01 03 00 04 05";

  static final String CALL_A012_TO_3 = PREAMBLE + HEADER_TO_SCREEN_1
      + " 35 00 A3 06 01 00 00" + " 00 01 2C 00" + AREA + " 11 00 00 00"
      + " C7 EB 41 30 31 32 BA C5 B5 BD 33 BA C5 B4 B0 BF DA" + " 4B C8 5A";
  static final String PAUSED = PREAMBLE + HEADER_TO_SCREEN_1
      + " 2C 00 A3 06 01 00 00" + " 00 01 23 00" + AREA + " 08 00 00 00"
      + " D4 DD CD A3 B7 FE CE F1" + " 4B D8 5A";
  static final String IDLE = PREAMBLE + HEADER_TO_SCREEN_1
      + " 2C 00 A3 06 01 00 00" + " 00 01 23 00" + AREA + " 08 00 00 00"
      + " BB B6 D3 AD B9 E2 C1 D9" + " 7B C9 5A";

  static final String REPLY_OK =
      "A5 A5 A5 A5 A5 A5 A5 A5 00 80 01 00 00 00 00 00 00 00 FE 02 05 00 A3 06 00 00 00 20 54 5A";
  static final String REPLY_BUSY =
      "A5 A5 A5 A5 A5 A5 A5 A5 00 80 01 00 00 00 00 00 00 00 FE 02 05 00 A3 06 03 00 00 D0 54 5A";

  private final Bx5kLedProtocol protocol = new Bx5kLedProtocol(1);

  @Test
  void goldenFramesCarryAValidCrc() {
    for (String frame : new String[] {CALL_A012_TO_3, PAUSED, IDLE, REPLY_OK, REPLY_BUSY}) {
      assertTrue(LedCrcCheck.bx5kTrailerValid(Hex.bytes(frame)), frame);
    }
  }

  @Test
  void callIsOneDynamicAreaFrameWithTheGb2312Text() {
    assertEquals(CALL_A012_TO_3, Hex.spaced(protocol.request(new LedContent.Call("A012", 3))));
  }

  @Test
  void pausedAndIdleAreGolden() {
    assertEquals(PAUSED, Hex.spaced(protocol.request(new LedContent.Paused(3))));
    assertEquals(IDLE, Hex.spaced(protocol.request(new LedContent.Idle(3))));
  }

  @Test
  void anAreaTemplateSetsGeometryButNotText() {
    DynamicAreaText template =
        new DynamicAreaText(2, 1, 0, 16, 32, DisplayMode.MOVE_LEFT, 4, 5, "ignored");
    byte[] frame = new Bx5kLedProtocol(1, template).request(new LedContent.Call("A001", 3));
    assertEquals(PREAMBLE + HEADER_TO_SCREEN_1 + " 35 00 A3 06 01 00 00"
            + " 00 01 2C 00"
            + " 00 01 00 00 00 10 00 20 00 02 00 00 00 00 00 00 00 01 01 03 00 04 05"
            + " 11 00 00 00 C7 EB 41 30 30 31 BA C5 B5 BD 33 BA C5 B4 B0 BF DA"
            + " B0 CE 5A",
        Hex.spaced(frame));
  }

  @Test
  void okReplyFedOneByteAtATimeIsAcknowledgedOnItsLastByte() {
    LedReplyReader reader = protocol.newReplyReader();
    byte[] reply = Hex.bytes(REPLY_OK);
    for (int i = 0; i < reply.length - 1; i++) {
      assertEquals(Optional.empty(), reader.feed(new byte[] {reply[i]}), "byte " + i);
    }
    assertEquals(Optional.of(new LedAck(true, "BX-5K OK")),
        reader.feed(new byte[] {reply[reply.length - 1]}));
    assertEquals(0, reader.droppedFrames());
  }

  @Test
  void okReplyAfterGarbageIsFoundAndTheGarbageCounted() {
    LedReplyReader reader = protocol.newReplyReader();
    assertEquals(Optional.of(new LedAck(true, "BX-5K OK")),
        reader.feed(Hex.bytes("00 5A 13 A5 A5 37 A6 " + REPLY_OK)));
    assertEquals(1, reader.droppedFrames());
  }

  @Test
  void errorCodesAreNotOkAndNamed() {
    assertEquals(Optional.of(new LedAck(false, "BX-5K error 03 BUSY")),
        protocol.newReplyReader().feed(Hex.bytes(REPLY_BUSY)));
    assertEquals(Optional.of(new LedAck(false, "BX-5K error 0C FONT_MISSING")),
        protocol.newReplyReader().feed(Bx5kReplies.reply(1, 0xA3, 0x06, 0x0C, new byte[0])));
    assertEquals(Optional.of(new LedAck(false, "BX-5K error 7F unknown")),
        protocol.newReplyReader().feed(Bx5kReplies.reply(1, 0xA3, 0x06, 0x7F, new byte[0])));
  }

  @Test
  void repliesFromAnotherScreenOrToAnotherCommandAreIgnored() {
    LedReplyReader reader = protocol.newReplyReader();
    assertEquals(Optional.empty(), reader.feed(Bx5kReplies.reply(2, 0xA3, 0x06, 0, new byte[0])));
    assertEquals(Optional.empty(), reader.feed(Bx5kReplies.reply(1, 0xA2, 0x00, 0, new byte[0])));
    assertEquals(Optional.empty(), reader.feed(protocol.request(new LedContent.Idle(3))));
    assertEquals(0, reader.droppedFrames());
    assertTrue(reader.feed(Hex.bytes(REPLY_OK)).orElseThrow().ok());
  }

  @Test
  void badCrcIsDroppedAndCounted() {
    LedReplyReader reader = protocol.newReplyReader();
    byte[] corrupt = Hex.bytes(REPLY_OK);
    corrupt[corrupt.length - 3] ^= 0x01;
    assertEquals(Optional.empty(), reader.feed(corrupt));
    assertEquals(1, reader.droppedFrames());
  }

  @Test
  void twoRepliesInOneChunkAreReturnedOneAfterTheOther() {
    LedReplyReader reader = protocol.newReplyReader();
    assertEquals(Optional.of(new LedAck(false, "BX-5K error 03 BUSY")),
        reader.feed(Hex.bytes(REPLY_BUSY + " " + REPLY_OK)));
    assertEquals(Optional.of(new LedAck(true, "BX-5K OK")), reader.feed(new byte[0]));
    assertEquals(Optional.empty(), reader.feed(new byte[0]));
  }

  @Test
  void replyFrameOfTheEncoderMatchesTheIndependentBuilder() {
    assertEquals(REPLY_OK, Hex.spaced(OnbonBx5k.replyFrame(1, 0xA3, 0x06, Bx5kError.OK)));
    assertEquals(Hex.spaced(Bx5kReplies.reply(0xA65B, 0xA1, 0x02, 0x03, new byte[0])),
        Hex.spaced(OnbonBx5k.replyFrame(0xA65B, 0xA1, 0x02, Bx5kError.BUSY)));
  }

  @Test
  void dynamicAreaDataDecodesBackToTheArea() {
    DynamicAreaText area =
        new DynamicAreaText(2, 1, 3, 16, 32, DisplayMode.MOVE_UP, 4, 5, "请A001号到3号窗口");
    assertEquals(Optional.of(area), DynamicAreaText.decode(area.encode()));
    byte[] data = area.encode();
    data[data.length - 1] = (byte) 0xFF;
    assertEquals(Optional.empty(), DynamicAreaText.decode(data), "not GB2312");
    assertEquals(Optional.empty(),
        DynamicAreaText.decode(Arrays.copyOf(area.encode(), data.length - 1)));
    assertEquals(Optional.empty(), DynamicAreaText.decode(new byte[0]));
  }
}
