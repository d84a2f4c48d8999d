package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.Hex;
import hallq.bridge.led.Bx5kLedProtocol;
import hallq.bridge.led.Bx5kReply;
import hallq.bridge.led.LedAck;
import hallq.bridge.led.LedContent;
import hallq.bridge.led.LedReplyReader;
import hallq.bridge.led.OnbonBx5k;
import hallq.bridge.led.OnbonBx5kDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The BX-5K protocol's frames through the sign simulator and its replies back. */
class Bx5kSignSimulatorTest {

  private static final int SCREEN = 1;
  private static final String OK_REPLY =
      "A5 A5 A5 A5 A5 A5 A5 A5 00 80 01 00 00 00 00 00 00 00 FE 02 05 00 A3 06 00 00 00 20 54 5A";

  private final List<byte[]> replies = new ArrayList<>();
  private final Bx5kSignSimulator sign = new Bx5kSignSimulator(SCREEN, replies::add);
  private final Bx5kLedProtocol protocol = new Bx5kLedProtocol(SCREEN);

  @Test
  @DisplayName("叫号, 暂停, 空闲: the sign shows each content's text and acknowledges it")
  void roundTripsEveryContentKind() {
    List<LedContent> contents = List.of(new LedContent.Call("A012", 3),
        new LedContent.Paused(3), new LedContent.Idle(3), new LedContent.Call("B107", 12));
    for (LedContent content : contents) {
      replies.clear();
      sign.feed(protocol.request(content));

      assertEquals(content.text(), sign.shownText());
      assertEquals(content.text(), sign.describe());
      assertEquals(1, replies.size());
      assertEquals(OK_REPLY, Hex.spaced(replies.get(0)));
      LedReplyReader reader = protocol.newReplyReader();
      assertEquals(Optional.of(new LedAck(true, "BX-5K OK")), reader.feed(replies.get(0)));
    }
    assertEquals("请B107号到12号窗口", sign.shownText());
    assertEquals(0, sign.droppedFrames());
  }

  @Test
  void requestFedOneByteAtATimeIsShownOnItsLastByte() {
    byte[] frame = protocol.request(new LedContent.Call("A012", 3));
    for (int i = 0; i < frame.length - 1; i++) {
      sign.feed(new byte[] {frame[i]});
    }
    assertEquals("", sign.shownText());
    assertEquals(0, replies.size());
    sign.feed(new byte[] {frame[frame.length - 1]});
    assertEquals("请A012号到3号窗口", sign.shownText());
    assertEquals(1, replies.size());
  }

  @Test
  void resynchronisesAfterGarbageAndCountsIt() {
    sign.feed(Hex.bytes("00 5A 13 A5 A5 37 A6"));
    sign.feed(protocol.request(new LedContent.Paused(3)));
    assertEquals("暂停服务", sign.shownText());
    assertEquals(1, sign.droppedFrames());
    assertEquals(1, replies.size());
  }

  @Test
  void badCrcIsDroppedCountedAndNotAnswered() {
    byte[] frame = protocol.request(new LedContent.Call("A012", 3));
    frame[frame.length - 2] ^= 0x01;
    sign.feed(frame);
    assertEquals("", sign.shownText());
    assertEquals(1, sign.droppedFrames());
    assertEquals(0, replies.size());
  }

  @Test
  void framesForAnotherScreenAreIgnored() {
    sign.feed(new Bx5kLedProtocol(2).request(new LedContent.Call("A012", 3)));
    assertEquals("", sign.shownText());
    assertEquals(0, replies.size());
    assertEquals(1, sign.otherScreenFrames());
  }

  @Test
  void noReplyWantedIsShownButNotAnswered() {
    sign.feed(Bx5kTestFrames.request(SCREEN, 0xA3, 0x06, Bx5kTestFrames.NO_REPLY,
        Bx5kTestFrames.dynamicArea("请C3号到5号窗口")));
    assertEquals("请C3号到5号窗口", sign.shownText());
    assertEquals(0, replies.size());
  }

  @Test
  void clearScreenBlanksAndPingIsAnsweredWithItsOwnCommand() {
    sign.feed(protocol.request(new LedContent.Call("A012", 3)));
    sign.feed(new OnbonBx5k(SCREEN).clearScreen());
    assertEquals("", sign.shownText());
    assertEquals("(blank)", sign.describe());
    sign.feed(new OnbonBx5k(SCREEN).ping());

    OnbonBx5kDecoder decoder = new OnbonBx5kDecoder();
    List<Bx5kReply> decoded = new ArrayList<>();
    replies.forEach(reply -> decoded.addAll(decoder.feed(reply)));
    assertEquals(List.of(new Bx5kReply(0x8000, SCREEN, 0xA3, 0x06, 0, new byte[0]),
        new Bx5kReply(0x8000, SCREEN, 0xA3, 0x10, 0, new byte[0]),
        new Bx5kReply(0x8000, SCREEN, 0xA2, 0x00, 0, new byte[0])), decoded);
  }

  @Test
  void unreadableAreaDataIsDroppedAndNotAnswered() {
    byte[] data = Bx5kTestFrames.dynamicArea("A012");
    data[2]++;
    sign.feed(Bx5kTestFrames.request(SCREEN, 0xA3, 0x06, Bx5kTestFrames.REPLY_WANTED, data));
    assertEquals("", sign.shownText());
    assertEquals(0, replies.size());
    assertEquals(1, sign.droppedFrames());
  }

  @Test
  void theTestFrameBuilderAgreesWithTheProtocol() {
    assertEquals(Hex.spaced(protocol.request(new LedContent.Call("A012", 3))),
        Hex.spaced(Bx5kTestFrames.request(SCREEN, 0xA3, 0x06, Bx5kTestFrames.REPLY_WANTED,
            Bx5kTestFrames.dynamicArea("请A012号到3号窗口"))));
    assertTrue(Bx5kTestFrames.request(0x5AA5, 0xA2, 0, 1, new byte[0]).length > 30);
  }
}
