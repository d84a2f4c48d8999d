package hallq.bridge.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.FuzzFeed;
import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusReply;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Replies, replies for others, garbage and corrupted frames in random chunks: no exception
 * escapes, and exactly the replies meant for the reader come out, in order, each one's ack
 * right, the last one behind garbage included.
 */
class LedReplyReaderFuzzTest {

  private static final int PIECES = 140_000;
  private static final int MIN_FRAMES = 100_000;
  private static final int SCREEN = 1;
  private static final int UNIT = 5;
  private static final int[] BX5K_ERRORS = {0x00, 0x03, 0x05, 0x0C, 0x7F};
  private static final int[] MODBUS_EXCEPTIONS = {0x01, 0x02, 0x03, 0x04, 0x06, 0x33};
  private static final byte[] BX5K_FRAMING = {(byte) 0xA5, (byte) 0xA6, 0x5A, 0x5B};

  @Test
  void bx5kReaderFindsEveryReplyMeantForIt() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      Random random = new Random(20261127);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<LedAck> expected = new ArrayList<>();
      int corrupted = 0;
      int frames = 0;
      for (int i = 0; i < PIECES; i++) {
        int kind = random.nextInt(4);
        frames += kind == 0 ? 0 : 1;
        switch (kind) {
          case 0 -> stream.writeBytes(garbage(random, random.nextInt(41), BX5K_FRAMING));
          case 1 -> {
            int error = BX5K_ERRORS[random.nextInt(BX5K_ERRORS.length)];
            stream.writeBytes(Bx5kReplies.reply(SCREEN, 0xA3, 0x06, error, new byte[0]));
            expected.add(bx5kAck(error));
          }
          case 2 -> stream.writeBytes(random.nextBoolean()
              ? Bx5kReplies.reply(2 + random.nextInt(100), 0xA3, 0x06, 0, new byte[0])
              : Bx5kReplies.reply(SCREEN, 0xA2, 0x00, 0, new byte[0]));
          default -> {
            byte[] frame = Bx5kReplies.reply(SCREEN, 0xA3, 0x06, 0, new byte[0]);
            frame[8 + random.nextInt(frame.length - 8)] ^= (byte) (1 + random.nextInt(255));
            stream.writeBytes(frame);
            corrupted++;
          }
        }
      }
      stream.writeBytes(garbage(random, 40, BX5K_FRAMING));
      stream.writeBytes(Bx5kReplies.reply(SCREEN, 0xA3, 0x06, 0x0C, new byte[0]));
      expected.add(bx5kAck(0x0C));

      LedReplyReader reader = new Bx5kLedProtocol(SCREEN).newReplyReader();
      List<LedAck> acks = feedAll(stream.toByteArray(), random, reader);

      assertTrue(expected.size() > PIECES / 5, "many replies: " + expected.size());
      assertTrue(frames >= MIN_FRAMES, "valid and corrupted frames: " + frames);
      assertEquals(expected, acks);
      assertTrue(reader.droppedFrames() >= corrupted,
          "every corrupted reply dropped: " + reader.droppedFrames() + " < " + corrupted);
    });
  }

  @Test
  void modbusReaderFindsEveryReplyMeantForIt() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      Random random = new Random(20261127);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<LedAck> expected = new ArrayList<>();
      int frames = 0;
      for (int i = 0; i < PIECES; i++) {
        int kind = random.nextInt(4);
        frames += kind == 0 ? 0 : 1;
        switch (kind) {
          case 0 -> stream.writeBytes(garbage(random, random.nextInt(41), new byte[] {UNIT, 0x10}));
          case 1 -> {
            if (random.nextBoolean()) {
              stream.writeBytes(modbusFrame(UNIT, 0x10, 0, 0, 0, 6));
              expected.add(new LedAck(true, "Modbus write echo"));
            } else {
              int code = MODBUS_EXCEPTIONS[random.nextInt(MODBUS_EXCEPTIONS.length)];
              stream.writeBytes(modbusFrame(UNIT, 0x90, code));
              expected.add(ModbusDigitDisplay.ack(
                  new ModbusReply.ExceptionReply(UNIT,
                      FunctionCode.WRITE_MULTIPLE_REGISTERS, code)));
            }
          }
          case 2 -> stream.writeBytes(random.nextBoolean()
              ? modbusFrame(UNIT + 1 + random.nextInt(100), 0x10, 0, 0, 0, 6)
              : modbusFrame(UNIT, 0x10, 0, 2, 0, 8));
          default -> {
            byte[] frame = modbusFrame(UNIT, 0x10, 0, 0, 0, 6);
            frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
            stream.writeBytes(frame);
          }
        }
      }
      stream.writeBytes(garbage(random, 40, new byte[] {UNIT, 0x10}));
      stream.writeBytes(modbusFrame(UNIT, 0x90, 0x02));
      expected.add(new LedAck(false, "Modbus exception 02 ILLEGAL_DATA_ADDRESS"));

      LedReplyReader reader = new ModbusDigitDisplay(UNIT).newReplyReader();
      List<LedAck> acks = feedAll(stream.toByteArray(), random, reader);

      assertTrue(expected.size() > PIECES / 5, "many replies: " + expected.size());
      assertTrue(frames >= MIN_FRAMES, "valid and corrupted frames: " + frames);
      assertEquals(expected, acks);
      assertTrue(reader.droppedFrames() > 0, "corrupted replies dropped");
    });
  }

  private static List<LedAck> feedAll(byte[] stream, Random random, LedReplyReader reader) {
    return FuzzFeed.inRandomChunks(stream, random, chunk -> {
      List<LedAck> acks = new ArrayList<>();
      for (Optional<LedAck> ack = reader.feed(chunk); ack.isPresent();
          ack = reader.feed(new byte[0])) {
        acks.add(ack.get());
      }
      return acks;
    }, reader::droppedFrames);
  }

  private static LedAck bx5kAck(int error) {
    return Bx5kLedProtocol.ack(new Bx5kReply(0x8000, SCREEN, 0xA3, 0x06, error, new byte[0]));
  }

  /** A reply frame with a CRC16/MODBUS computed by the test's own CRC. */
  private static byte[] modbusFrame(int... bytes) {
    byte[] frame = new byte[bytes.length + 2];
    for (int i = 0; i < bytes.length; i++) {
      frame[i] = (byte) bytes[i];
    }
    int crc = LedCrcCheck.crc(LedCrcCheck.MODBUS_INIT, frame, 0, bytes.length);
    frame[bytes.length] = (byte) crc;
    frame[bytes.length + 1] = (byte) (crc >>> 8);
    return frame;
  }

  // Bytes that start frames are over-represented so that garbage often looks like a frame.
  private static byte[] garbage(Random random, int length, byte[] likely) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(6) == 0) {
        bytes[i] = likely[random.nextInt(likely.length)];
      }
    }
    return bytes;
  }
}
