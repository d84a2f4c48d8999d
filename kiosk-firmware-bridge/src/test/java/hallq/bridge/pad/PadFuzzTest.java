package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.FuzzFeed;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import hallq.bridge.modbus.ModbusRtuDecoder;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bus traffic, garbage and corrupted frames fed in random chunks to a pad and a keypad,
 * their answers fed in random chunks to the master's reply decoder: nothing may throw, and
 * every reply the devices send must decode.
 */
class PadFuzzTest {

  private static final int CHUNKS = 100_000;
  private static final int PIECES = 150_000;
  private static final int PAD_UNIT = 3;
  private static final int KEYPAD_UNIT = 4;

  @Test
  void randomChunksNeverThrowAndEveryReplyDecodes() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), this::fuzz);
  }

  private void fuzz() {
    Random random = new Random(20261127);
    ByteArrayOutputStream answers = new ByteArrayOutputStream();
    List<byte[]> replyFrames = new ArrayList<>();
    PadSimulator pad = new PadSimulator(PAD_UNIT, frame -> {
      replyFrames.add(frame);
      answers.writeBytes(frame);
    });
    KeypadSimulator keypad = new KeypadSimulator(KEYPAD_UNIT, frame -> {
      replyFrames.add(frame);
      answers.writeBytes(frame);
    });

    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    for (int i = 0; i < PIECES; i++) {
      switch (random.nextInt(4)) {
        case 0 -> requests.writeBytes(randomBytes(random, random.nextInt(41)));
        case 1 -> requests.writeBytes(randomRequest(random));
        case 2 -> {
          byte[] frame = randomRequest(random);
          frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
          requests.writeBytes(frame);
        }
        default -> {
          pad.press(Score.values()[random.nextInt(Score.values().length)]);
          pad.tick(Duration.ofMillis(random.nextInt(3000)));
          keypad.press(Key.values()[random.nextInt(Key.values().length)]);
        }
      }
    }
    byte[] stream = requests.toByteArray();
    int[] chunks = new int[1];
    FuzzFeed.inRandomChunks(stream, random, chunk -> {
      chunks[0]++;
      pad.feed(chunk);
      return List.of();
    }, pad::droppedFrames);
    FuzzFeed.inRandomChunks(stream, random, chunk -> {
      chunks[0]++;
      keypad.feed(chunk);
      return List.of();
    }, keypad::droppedFrames);

    ModbusRtuDecoder master = new ModbusRtuDecoder();
    List<ModbusReply> decoded = FuzzFeed.inRandomChunks(
        answers.toByteArray(), random, master::feed, master::droppedFrames);

    assertTrue(chunks[0] >= CHUNKS, "chunks fed to the simulators: " + chunks[0]);
    assertTrue(replyFrames.size() > PIECES / 50, "the devices answered many requests");
    assertTrue(pad.droppedFrames() > 0 && keypad.droppedFrames() > 0, "bad frames dropped");
    assertTrue(pad.otherUnitFrames() > 0 && keypad.otherUnitFrames() > 0);
    assertEquals(replyFrames.size(), decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      assertEquals(ModbusRtu.decodeReply(replyFrames.get(i)), decoded.get(i));
    }
  }

  private static byte[] randomRequest(Random random) {
    int unit = random.nextInt(4) == 0 ? 1 + random.nextInt(ModbusRtu.MAX_UNIT_ID)
        : PAD_UNIT + random.nextInt(2);
    return switch (random.nextInt(6)) {
      case 0 -> PadRegisters.openRequest(unit, random.nextInt(0x10000), 1 + random.nextInt(30));
      case 1 -> PadRegisters.readResult(unit);
      case 2 -> PadRegisters.closeRequest(unit);
      case 3 -> KeypadRegisters.readKeyState(unit);
      case 4 -> KeypadRegisters.writeDisplay(unit, "A" + random.nextInt(1000));
      default -> random.nextBoolean()
          ? ModbusRtu.readHoldingRegisters(unit, random.nextInt(12), 1 + random.nextInt(12))
          : ModbusRtu.writeMultipleRegisters(unit, random.nextInt(12), randomWords(random));
    };
  }

  private static int[] randomWords(Random random) {
    int[] words = new int[1 + random.nextInt(4)];
    for (int i = 0; i < words.length; i++) {
      words[i] = random.nextInt(0x10000);
    }
    return words;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
