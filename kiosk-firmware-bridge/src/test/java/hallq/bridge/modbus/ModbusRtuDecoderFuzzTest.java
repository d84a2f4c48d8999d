package hallq.bridge.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.FuzzFeed;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModbusRtuDecoderFuzzTest {

  private static final int PIECES = 100_000;

  // A real bus falls silent after the last reply; zero bytes (no unit 0 replies) stand in for it.
  private static final byte[] TRAILING_SILENCE = new byte[ModbusRtu.MAX_FRAME_LENGTH];

  @Test
  void survivesRandomInputAndStillDecodesEveryValidReply() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), this::fuzz);
  }

  private void fuzz() {
    Random random = new Random(20261127);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<ModbusReply> expected = new ArrayList<>();
    for (int i = 0; i < PIECES; i++) {
      switch (random.nextInt(3)) {
        case 0 -> stream.writeBytes(randomBytes(random, random.nextInt(41)));
        case 1 -> {
          Reply reply = randomReply(random);
          expected.add(reply.decoded());
          stream.writeBytes(reply.frame());
        }
        default -> {
          byte[] frame = randomReply(random).frame();
          frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
          stream.writeBytes(frame);
        }
      }
    }
    stream.writeBytes(TRAILING_SILENCE);

    ModbusRtuDecoder decoder = new ModbusRtuDecoder();
    List<ModbusReply> decoded = FuzzFeed.inRandomChunks(stream.toByteArray(), random, decoder::feed, decoder::droppedFrames);

    assertTrue(expected.size() > PIECES / 4, "the stream holds many valid replies");
    assertEquals(expected.size(), FuzzFeed.countInOrder(expected, decoded));
    assertTrue(decoder.droppedFrames() > 0);
  }


  private record Reply(byte[] frame, ModbusReply decoded) {
  }

  private static Reply randomReply(Random random) {
    int unitId = 1 + random.nextInt(ModbusRtu.MAX_UNIT_ID);
    return switch (random.nextInt(4)) {
      case 0 -> {
        int address = random.nextInt(0x10000);
        int value = random.nextInt(0x10000);
        yield new Reply(ModbusRtu.writeSingleRegister(unitId, address, value),
            new ModbusReply.WriteReply(unitId, FunctionCode.WRITE_SINGLE_REGISTER, address, value));
      }
      case 1 -> {
        int address = random.nextInt(0x10000);
        int quantity = 1 + random.nextInt(ModbusRtu.MAX_WRITE_REGISTERS);
        byte[] frame = withCrc(unitId, 0x10, address >>> 8, address, 0, quantity);
        yield new Reply(frame, new ModbusReply.WriteReply(
            unitId, FunctionCode.WRITE_MULTIPLE_REGISTERS, address, quantity));
      }
      case 2 -> {
        FunctionCode function = FunctionCode.values()[random.nextInt(FunctionCode.values().length)];
        int code = 1 + random.nextInt(11);
        yield new Reply(withCrc(unitId, function.code() | 0x80, code),
            new ModbusReply.ExceptionReply(unitId, function, code));
      }
      default -> {
        int[] values = new int[1 + random.nextInt(8)];
        int[] header = new int[3 + 2 * values.length];
        header[0] = unitId;
        header[1] = 0x03;
        header[2] = 2 * values.length;
        for (int i = 0; i < values.length; i++) {
          values[i] = random.nextInt(0x10000);
          header[3 + 2 * i] = values[i] >>> 8;
          header[4 + 2 * i] = values[i];
        }
        yield new Reply(withCrc(header), new ModbusReply.ReadRegistersReply(unitId, values));
      }
    };
  }

  private static byte[] withCrc(int... bytes) {
    byte[] frame = new byte[bytes.length + 2];
    for (int i = 0; i < bytes.length; i++) {
      frame[i] = (byte) bytes[i];
    }
    int crc = Crc16.MODBUS.compute(frame, 0, bytes.length);
    frame[bytes.length] = (byte) crc;
    frame[bytes.length + 1] = (byte) (crc >>> 8);
    return frame;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
