package hallq.bridge.led;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnbonBx5kDecoderTest {

  private static final String PING_OK =
      "A5 A5 A5 A5 A5 A5 A5 A5 00 80 01 00 00 00 00 00 00 00 FE 02 05 00 A2 00 00 00 00 1D 1C 5A";
  private static final String FONT_MISSING =
      "A5 A5 A5 A5 A5 A5 A5 A5 00 80 01 00 00 00 00 00 00 00 FE 02 05 00 A3 06 0C 00 00 E0 57 5A";
  private static final String BUSY_ESCAPED = "A5 A5 A5 A5 A5 A5 A5 A5 00 80 5B 01 A6 01 00 00 00"
      + " 00 00 00 FE 02 08 00 A1 02 03 00 00 5B 02 A6 02 10 4E 33 5A";

  private final OnbonBx5kDecoder decoder = new OnbonBx5kDecoder();

  @Test
  void decodesAnOkReplyToPing() {
    List<Bx5kReply> replies = decoder.feed(Hex.bytes(PING_OK));
    assertEquals(List.of(new Bx5kReply(0x8000, 0x0001, 0xA2, 0x00, 0x00, new byte[0])), replies);
    assertEquals(Optional.of(Bx5kError.OK), replies.get(0).error());
  }

  @Test
  void reportsAMissingFont() {
    Bx5kReply reply = decoder.feed(Hex.bytes(FONT_MISSING)).get(0);
    assertEquals(0xA3, reply.group());
    assertEquals(0x06, reply.command());
    assertEquals(Optional.of(Bx5kError.FONT_MISSING), reply.error());
  }

  @Test
  void unescapesTheBodyBeforeCheckingTheCrc() {
    Bx5kReply reply = decoder.feed(Hex.bytes(BUSY_ESCAPED)).get(0);
    assertEquals(0xA65B, reply.srcAddr());
    assertEquals(Optional.of(Bx5kError.BUSY), reply.error());
    assertArrayEquals(Hex.bytes("5A A5 10"), reply.data());
  }

  @Test
  void theTestReplyBuilderAgreesWithTheGoldenReplies() {
    assertEquals(BUSY_ESCAPED,
        Hex.spaced(Bx5kReplies.reply(0xA65B, 0xA1, 0x02, 0x03, Hex.bytes("5A A5 10"))));
    assertEquals(PING_OK, Hex.spaced(Bx5kReplies.reply(1, 0xA2, 0x00, 0x00, new byte[0])));
  }

  @Test
  void decodesAReplyFedOneByteAtATime() {
    List<Bx5kReply> replies = new ArrayList<>();
    for (byte b : Hex.bytes(BUSY_ESCAPED)) {
      replies.addAll(decoder.feed(new byte[] {b}));
    }
    assertEquals(1, replies.size());
    assertEquals(0, decoder.droppedFrames());
  }

  @Test
  void resynchronisesAfterGarbage() {
    List<Bx5kReply> replies = decoder.feed(Hex.bytes("00 5A 13 A5 A5 37 A6 " + PING_OK));
    assertEquals(1, replies.size());
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  void dropsAndCountsAReplyWithAWrongCrc() {
    byte[] corrupt = Hex.bytes(PING_OK);
    corrupt[corrupt.length - 2] ^= 0x01;
    assertEquals(List.of(), decoder.feed(corrupt));
    assertEquals(1, decoder.droppedFrames());
    assertEquals(1, decoder.feed(Hex.bytes(PING_OK)).size());
  }

  @Test
  void dropsAFrameCutShortByTheNextPreamble() {
    String cut = PING_OK.substring(0, PING_OK.length() - " 1D 1C 5A".length());
    List<Bx5kReply> replies = decoder.feed(Hex.bytes(cut + " " + FONT_MISSING));
    assertEquals(1, replies.size());
    assertEquals(0xA3, replies.get(0).group());
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  void dropsABadEscapeSequence() {
    byte[] frame = Hex.bytes(BUSY_ESCAPED);
    frame[11] = 0x07;
    assertEquals(List.of(), decoder.feed(frame));
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  void dropsAnOverlongBody() {
    byte[] frame = new byte[OnbonBx5kDecoder.MAX_ESCAPED_BODY + 10];
    frame[0] = (byte) 0xA5;
    frame[1] = 0x01;
    decoder.feed(frame);
    assertEquals(1, decoder.droppedFrames());
    assertEquals(1, decoder.feed(Hex.bytes(PING_OK)).size());
  }
}
