package hallq.bridge.modbus;

import hallq.bridge.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModbusRtuDecoderTest {

  private static final ModbusReply WRITE_MULTIPLE_REPLY =
      new ModbusReply.WriteReply(1, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, 1);

  private final ModbusRtuDecoder decoder = new ModbusRtuDecoder();

  @Test
  void decodesAReplyFedOneByteAtATime() {
    List<ModbusReply> replies = new ArrayList<>();
    for (byte b : Hex.bytes("01 10 00 00 00 01 01 C9")) {
      replies.addAll(decoder.feed(new byte[] {b}));
    }
    assertEquals(List.of(WRITE_MULTIPLE_REPLY), replies);
    assertEquals(0, decoder.pendingBytes());
  }

  @Test
  void decodesSeveralRepliesOfDifferentShapesInOneChunk() {
    List<ModbusReply> replies = decoder.feed(Hex.bytes("01 10 00 00 00 01 01 C9"
        + " 01 90 06 CC 02 01 03 04 00 01 00 FF EB B3 01 06 00 00 00 01 48 0A"));
    assertEquals(List.of(
        WRITE_MULTIPLE_REPLY,
        new ModbusReply.ExceptionReply(1, FunctionCode.WRITE_MULTIPLE_REGISTERS, 6),
        new ModbusReply.ReadRegistersReply(1, new int[] {1, 0xFF}),
        new ModbusReply.WriteReply(1, FunctionCode.WRITE_SINGLE_REGISTER, 0, 1)), replies);
  }

  @Test
  void waitsForTheRestOfASplitFrame() {
    assertEquals(List.of(), decoder.feed(Hex.bytes("01 03 04 00")));
    assertEquals(4, decoder.pendingBytes());
    assertEquals(List.of(new ModbusReply.ReadRegistersReply(1, new int[] {1, 0xFF})),
        decoder.feed(Hex.bytes("01 00 FF EB B3")));
  }

  @Test
  void resynchronisesAfterGarbage() {
    List<ModbusReply> replies = decoder.feed(Hex.bytes("00 FF 01 10 33 01 10 00 00 00 01 01 C9"));
    assertEquals(List.of(WRITE_MULTIPLE_REPLY), replies);
    assertTrue(decoder.skippedBytes() >= 2);
  }

  @Test
  void dropsAndCountsAFrameWithAWrongCrc() {
    List<ModbusReply> replies = decoder.feed(Hex.bytes("01 10 00 00 00 01 01 C8"));
    assertEquals(List.of(), replies);
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  void findsAGoodFrameRightAfterACorruptOne() {
    List<ModbusReply> replies =
        decoder.feed(Hex.bytes("01 10 00 00 00 01 01 C8 01 10 00 00 00 01 01 C9"));
    assertEquals(List.of(WRITE_MULTIPLE_REPLY), replies);
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  void findsAGoodFrameThatStartsInsideAFalseCandidate() {
    List<ModbusReply> replies = decoder.feed(Hex.bytes("01 06 01 10 00 00 00 01 01 C9"));
    assertEquals(List.of(WRITE_MULTIPLE_REPLY), replies);
    assertEquals(1, decoder.droppedFrames());
  }
}
