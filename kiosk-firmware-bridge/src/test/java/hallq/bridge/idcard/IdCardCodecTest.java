package hallq.bridge.idcard;

import static hallq.bridge.Hex.bytes;
import static hallq.bridge.Hex.spaced;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Golden frames of the ID card reader (DEVICES.md), built by hand, and their parses. */
class IdCardCodecTest {
  static final String FIND = "AA AA AA 96 69 00 03 20 01 22";
  static final String SELECT = "AA AA AA 96 69 00 03 20 02 21";
  static final String READ = "AA AA AA 96 69 00 03 30 01 32";
  /** Card found, with the four zero bytes readers send after {@code 9F}: 08 ^ 9F = 97. */
  static final String CARD_FOUND = "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97";
  static final String NO_CARD = "AA AA AA 96 69 00 04 00 00 80 84";
  static final String SELECT_FAILED = "AA AA AA 96 69 00 04 00 00 81 85";
  static final String SELECTED = "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C";

  /** {@code n} UCS-2LE spaces. */
  private static String spaces(int n) {
    return " 20 00".repeat(n);
  }

  /**
   * A read reply for 张三, 330106199001191234, with a 4-byte photo: LEN 01 0C = 3 status + 4 lengths +
   * 256 text + 4 photo + 1 check; the XOR of it all is 37.
   */
  static final String READ_REPLY = "AA AA AA 96 69 01 0C 00 00 90 01 00 00 04"
      + " 20 5F 09 4E" + spaces(13) // name 30: 张三
      + " 31 00" // sex 2: 1
      + " 30 00 31 00" // nation 4: 01
      + " 31 00 39 00 39 00 30 00 30 00 31 00 31 00 39 00" // birth 16: 19900119
      + " 59 6D 5F 6C 01 77 6D 67 DE 5D 02 5E" + spaces(29) // address 70: 浙江省杭州市
      + " 33 00 33 00 30 00 31 00 30 00 36 00 31 00 39 00 39 00 30 00 30 00 31 00 31 00 39 00 31 00 32 00 33 00 34 00" // ID number 36
      + " 6D 67 DE 5D 02 5E 6C 51 89 5B 40 5C" + spaces(9) // authority 30: 杭州市公安局
      + " 32 00 30 00 32 00 30 00 30 00 31 00 30 00 31 00" // valid from 16: 20200101
      + " 32 00 30 00 34 00 30 00 30 00 31 00 30 00 31 00" // valid to 16: 20400101
      + spaces(18) // reserved 36
      + " 00 00 00 00" // photo
      + " 37";

  static final CardHolder ZHANG_SAN = new CardHolder("330106199001191234", "张三");

  @Test
  @DisplayName("寻卡、选卡、读文字照片三条命令的帧与 DEVICES.md 逐字节一致")
  void requestsAreTheDocumentedFrames() {
    assertEquals(FIND, spaced(IdCardCommand.FIND_CARD.request()));
    assertEquals(SELECT, spaced(IdCardCommand.SELECT_CARD.request()));
    assertEquals(READ, spaced(IdCardCommand.READ_TEXT_AND_PHOTO.request()));
  }

  @Test
  void repliesAreFramedWithLengthAndXor() {
    assertEquals(CARD_FOUND, spaced(IdCardReply.of(IdCardStatus.CARD_FOUND, new byte[4]).frame()));
    assertEquals(NO_CARD, spaced(IdCardReply.of(IdCardStatus.NO_CARD, new byte[0]).frame()));
    assertEquals(SELECT_FAILED, spaced(IdCardReply.of(IdCardStatus.SELECT_FAILED, new byte[0]).frame()));
    assertEquals(SELECTED, spaced(IdCardReply.of(IdCardStatus.SUCCESS, new byte[8]).frame()));
    assertEquals(READ_REPLY, spaced(IdCardReply.of(IdCardStatus.SUCCESS, IdCardText.data(ZHANG_SAN, 4)).frame()));
  }

  @Test
  void statusBytesAreNamed() {
    assertEquals(IdCardStatus.CARD_FOUND, reply(CARD_FOUND).status());
    assertEquals(IdCardStatus.NO_CARD, reply(NO_CARD).status());
    assertEquals(IdCardStatus.SELECT_FAILED, reply(SELECT_FAILED).status());
    assertEquals(IdCardStatus.SUCCESS, reply(SELECTED).status());
    assertEquals(IdCardStatus.OTHER, reply("AA AA AA 96 69 00 04 00 00 41 45").status());
    assertEquals(IdCardStatus.OTHER, reply("AA AA AA 96 69 00 04 01 00 90 95").status());
  }

  @Test
  @DisplayName("读卡回复只取身份证号和姓名（字段宽度按字节，UCS-2LE，空格填充）")
  void theReadReplyGivesNumberAndName() {
    IdCardReply reply = reply(READ_REPLY);
    assertEquals(IdCardStatus.SUCCESS, reply.status());
    assertEquals(4 + 256 + 4, reply.data().length);
    assertEquals(ZHANG_SAN, IdCardText.holder(reply.data()));
  }

  @Test
  void aLowercaseCheckCharacterIsReadAsX() {
    byte[] data = IdCardText.data(new CardHolder("11010519491231002X", "欧阳娜娜"), 0);
    data[4 + 122 + 34] = 'x';
    assertEquals(new CardHolder("11010519491231002X", "欧阳娜娜"), IdCardText.holder(data));
  }

  @Test
  void aReadReplyWhoseLengthsDoNotAddUpIsRefused() {
    byte[] data = reply(READ_REPLY).data();
    data[3] = 5;
    assertThrows(IllegalArgumentException.class, () -> IdCardText.holder(data));
    byte[] spacesOnly = IdCardText.data(ZHANG_SAN, 0);
    for (int i = 4 + 122; i < 4 + 158; i += 2) {
      spacesOnly[i] = ' ';
    }
    IllegalArgumentException noNumber = assertThrows(IllegalArgumentException.class, () -> IdCardText.holder(spacesOnly));
    assertFalse(noNumber.getMessage().contains("3301"), noNumber.getMessage());
  }

  @Test
  @DisplayName("身份证号与姓名脱敏：3301**********1234、张*")
  void theHolderIsMaskedWhenPrinted() {
    assertEquals("CardHolder[3301**********1234, 张*]", ZHANG_SAN.toString());
    assertEquals("欧***", CardHolder.maskName("欧阳娜娜"));
    assertEquals("3301**********1234", CardHolder.maskIdNumber("330106199001191234"));
    assertEquals("****", CardHolder.maskIdNumber("1234"));
    assertFalse(reply(READ_REPLY).toString().contains("33 00"));
  }

  @Test
  void oneFrameInOneChunk() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    List<byte[]> bodies = decoder.feed(bytes(CARD_FOUND));
    assertEquals(1, bodies.size());
    assertEquals("00 00 9F 00 00 00 00", spaced(bodies.get(0)));
  }

  @Test
  @DisplayName("一帧分多次到达：逐字节喂入也只在最后一个字节解出")
  void aFrameSplitAcrossReads() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    byte[] frame = bytes(READ_REPLY);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < frame.length; i++) {
      List<byte[]> now = decoder.feed(new byte[] {frame[i]});
      assertTrue(now.isEmpty() || i == frame.length - 1, "complete only at the last byte, not at " + i);
      bodies.addAll(now);
    }
    assertEquals(1, bodies.size());
    assertEquals(ZHANG_SAN, IdCardText.holder(IdCardReply.parse(bodies.get(0)).orElseThrow().data()));
    assertEquals(0, decoder.droppedFrames());
  }

  @Test
  void aFrameSplitInsideThePreambleAndTheLength() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    assertTrue(decoder.feed(bytes("AA AA")).isEmpty());
    assertTrue(decoder.feed(bytes("AA 96 69 00")).isEmpty());
    assertTrue(decoder.feed(bytes("04 00 00")).isEmpty());
    assertEquals("00 00 80", spaced(decoder.feed(bytes("80 84")).get(0)));
  }

  @Test
  @DisplayName("帧前的杂字节（含半个前导码）被跳过")
  void garbageBeforeThePreambleIsSkipped() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    List<byte[]> bodies = decoder.feed(bytes("00 FF 96 69 AA AA 96 AA AA AA 96 11 " + NO_CARD.substring(0, 14)));
    assertTrue(bodies.isEmpty());
    bodies = decoder.feed(bytes(NO_CARD.substring(15)));
    assertEquals(1, bodies.size());
    assertEquals("00 00 80", spaced(bodies.get(0)));
    assertEquals(12, decoder.skippedBytes());
    assertEquals(0, decoder.droppedFrames());
  }

  @Test
  @DisplayName("校验和错误的帧被丢弃并计数，随后的好帧照常解出")
  void aBadChecksumIsDroppedAndCounted() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    List<byte[]> bodies = decoder.feed(bytes("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 96 " + SELECT_FAILED));
    assertEquals(1, bodies.size());
    assertEquals("00 00 81", spaced(bodies.get(0)));
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  @DisplayName("长度非法的帧被丢弃并计数，从下一个前导码重新同步")
  void aBadLengthIsDroppedAndTheDecoderResynchronises() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    assertTrue(decoder.feed(bytes("AA AA AA 96 69 00 01 00")).isEmpty());
    assertEquals(1, decoder.droppedFrames());
    assertTrue(decoder.feed(bytes("AA AA AA 96 69 FF FF 00 00")).isEmpty());
    assertEquals(2, decoder.droppedFrames());
    List<byte[]> bodies = decoder.feed(bytes(CARD_FOUND + " " + NO_CARD));
    assertEquals(List.of("00 00 9F 00 00 00 00", "00 00 80"), bodies.stream().map(b -> spaced(b)).toList());
  }

  @Test
  @DisplayName("截断的帧后紧跟完整帧：截断帧因校验失败被丢弃，完整帧仍被找到")
  void aTruncatedFrameDoesNotHideTheNextOne() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    // A card-found reply cut after its status, then a whole no-card reply: the first LEN (8) swallows
    // the second frame's start, its XOR fails, and the search resumes inside it.
    List<byte[]> bodies = decoder.feed(bytes("AA AA AA 96 69 00 08 00 00 9F " + NO_CARD));
    assertEquals(List.of("00 00 80"), bodies.stream().map(b -> spaced(b)).toList());
    assertEquals(1, decoder.droppedFrames());
  }

  @Test
  void requestBodiesNameTheirCommand() {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    List<byte[]> bodies = decoder.feed(bytes(FIND + " " + SELECT + " " + READ + " AA AA AA 96 69 00 03 31 01 33"));
    assertEquals(List.of(IdCardCommand.FIND_CARD, IdCardCommand.SELECT_CARD, IdCardCommand.READ_TEXT_AND_PHOTO),
        bodies.subList(0, 3).stream().map(b -> IdCardCommand.of(b).orElseThrow()).toList());
    assertTrue(IdCardCommand.of(bodies.get(3)).isEmpty());
  }

  private static IdCardReply reply(String frame) {
    List<byte[]> bodies = new IdCardFrameDecoder().feed(bytes(frame));
    assertEquals(1, bodies.size(), frame);
    return IdCardReply.parse(bodies.get(0)).orElseThrow();
  }

  @Test
  void theReadReplyDataIsCopiedNotShared() {
    byte[] body = bytes("00 00 90 01 02");
    IdCardReply reply = IdCardReply.parse(body).orElseThrow();
    body[3] = 9;
    assertArrayEquals(bytes("01 02"), reply.data());
  }
}
