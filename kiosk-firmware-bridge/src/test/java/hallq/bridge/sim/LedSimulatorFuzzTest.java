package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.FuzzFeed;
import hallq.bridge.led.Bx5kLedProtocol;
import hallq.bridge.led.Bx5kReply;
import hallq.bridge.led.LedContent;
import hallq.bridge.led.ModbusDigitDisplay;
import hallq.bridge.led.OnbonBx5kDecoder;
import hallq.bridge.modbus.FunctionCode;
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
 * Bus traffic for the two LED simulators: valid requests (to them and to others), garbage and
 * corrupted frames, fed in random chunks. No exception may escape; every valid request to the
 * simulator is answered exactly as expected, in order; the last request, behind garbage, sets
 * what the sign shows.
 */
class LedSimulatorFuzzTest {

  private static final int PIECES = 140_000;
  private static final int MIN_FRAMES = 100_000;
  private static final int SCREEN = 1;
  private static final int UNIT = 5;
  private static final byte[] BX5K_FRAMING = {(byte) 0xA5, (byte) 0xA6, 0x5A, 0x5B};

  @Test
  void signSimulatorAnswersEveryValidFrameAndDropsTheRest() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      Random random = new Random(20261127);
      Bx5kLedProtocol protocol = new Bx5kLedProtocol(SCREEN);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<Bx5kReply> expected = new ArrayList<>();
      int corrupted = 0;
      int frames = 0;
      for (int i = 0; i < PIECES; i++) {
        int kind = random.nextInt(4);
        frames += kind == 0 ? 0 : 1;
        switch (kind) {
          case 0 -> stream.writeBytes(garbage(random, random.nextInt(41), BX5K_FRAMING));
          case 1 -> {
            LedContent content = randomContent(random);
            stream.writeBytes(protocol.request(content));
            expected.add(okReply(0xA3, 0x06));
          }
          case 2 -> {
            int[][] commands = {{0xA2, 0x00}, {0xA1, 0x02}, {0xA3, 0x10}, {0xA3, 0x06}};
            int[] command = commands[random.nextInt(commands.length)];
            boolean mine = random.nextBoolean();
            int flag = random.nextBoolean()
                ? Bx5kTestFrames.REPLY_WANTED : Bx5kTestFrames.NO_REPLY;
            String text = randomContent(random).text();
            byte[] data = command[0] == 0xA3 && command[1] == 0x06
                ? Bx5kTestFrames.dynamicArea(text) : new byte[0];
            stream.writeBytes(Bx5kTestFrames.request(
                mine ? SCREEN : 2 + random.nextInt(1000), command[0], command[1], flag, data));
            if (mine && flag == Bx5kTestFrames.REPLY_WANTED) {
              expected.add(okReply(command[0], command[1]));
            }
          }
          default -> {
            byte[] frame = protocol.request(randomContent(random));
            frame[8 + random.nextInt(frame.length - 8)] ^= (byte) (1 + random.nextInt(255));
            stream.writeBytes(frame);
            corrupted++;
          }
        }
      }
      stream.writeBytes(garbage(random, 40, BX5K_FRAMING));
      LedContent last = new LedContent.Call("Z999", 9);
      stream.writeBytes(protocol.request(last));
      expected.add(okReply(0xA3, 0x06));

      ByteArrayOutputStream answers = new ByteArrayOutputStream();
      Bx5kSignSimulator sign = new Bx5kSignSimulator(SCREEN, answers::writeBytes);
      FuzzFeed.inRandomChunks(stream.toByteArray(), random, chunk -> {
        sign.feed(chunk);
        return List.of();
      }, sign::droppedFrames);

      OnbonBx5kDecoder host = new OnbonBx5kDecoder();
      List<Bx5kReply> replies = host.feed(answers.toByteArray());
      assertTrue(frames >= MIN_FRAMES, "valid and corrupted frames: " + frames);
      assertEquals(expected, replies);
      assertEquals(0, host.droppedFrames());
      assertEquals(last.text(), sign.shownText());
      assertTrue(sign.droppedFrames() >= corrupted,
          "every corrupted frame dropped: " + sign.droppedFrames() + " < " + corrupted);
      assertTrue(sign.otherScreenFrames() > PIECES / 20);
    });
  }

  @Test
  void digitDisplaySimulatorAnswersEveryValidRequestAndDropsTheRest() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      Random random = new Random(20261127);
      ModbusDigitDisplay protocol = new ModbusDigitDisplay(UNIT);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<ModbusReply> expected = new ArrayList<>();
      int[] model = new int[ModbusDigitDisplay.COUNT];
      int frames = 0;
      for (int i = 0; i < PIECES; i++) {
        int kind = random.nextInt(4);
        frames += kind == 0 ? 0 : 1;
        switch (kind) {
          case 0 -> stream.writeBytes(garbage(random, random.nextInt(41), new byte[] {UNIT, 0x10}));
          case 1 -> {
            LedContent content = randomContent(random);
            stream.writeBytes(protocol.request(content));
            expected.add(new ModbusReply.WriteReply(
                UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, ModbusDigitDisplay.COUNT));
            model = ModbusDigitDisplay.registers(content);
          }
          case 2 -> {
            switch (random.nextInt(4)) {
              case 0 -> {
                stream.writeBytes(ModbusRtu.readHoldingRegisters(UNIT, 0, 6));
                expected.add(new ModbusReply.ReadRegistersReply(UNIT, model));
              }
              case 1 -> {
                stream.writeBytes(
                    ModbusRtu.writeMultipleRegisters(UNIT, 4, 1, 3 + random.nextInt(9)));
                expected.add(new ModbusReply.ExceptionReply(
                    UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0x03));
              }
              case 2 -> {
                stream.writeBytes(ModbusRtu.readHoldingRegisters(UNIT, 0, 7 + random.nextInt(9)));
                expected.add(new ModbusReply.ExceptionReply(
                    UNIT, FunctionCode.READ_HOLDING_REGISTERS, 0x02));
              }
              default -> stream.writeBytes(new ModbusDigitDisplay(UNIT + 1 + random.nextInt(200))
                  .request(randomContent(random)));
            }
          }
          default -> {
            byte[] frame = protocol.request(randomContent(random));
            frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
            stream.writeBytes(frame);
          }
        }
      }
      stream.writeBytes(garbage(random, 40, new byte[] {UNIT, 0x10}));
      stream.writeBytes(protocol.request(new LedContent.Call("Z999", 9)));
      expected.add(new ModbusReply.WriteReply(
          UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, ModbusDigitDisplay.COUNT));

      ByteArrayOutputStream answers = new ByteArrayOutputStream();
      DigitDisplaySimulator display = new DigitDisplaySimulator(UNIT, answers::writeBytes);
      FuzzFeed.inRandomChunks(stream.toByteArray(), random, chunk -> {
        display.feed(chunk);
        return List.of();
      }, display::droppedFrames);

      ModbusRtuDecoder master = new ModbusRtuDecoder();
      List<ModbusReply> replies = master.feed(answers.toByteArray());
      assertTrue(frames >= MIN_FRAMES, "valid and corrupted frames: " + frames);
      assertEquals(expected, replies);
      assertEquals(0, master.droppedFrames());
      assertEquals("Z999", display.shownNumber());
      assertEquals(9, display.shownCounter());
      assertEquals(1, display.mode());
      assertTrue(display.droppedFrames() > 0, "corrupted requests dropped");
      assertTrue(display.otherUnitFrames() > 0);
    });
  }

  private static Bx5kReply okReply(int group, int command) {
    return new Bx5kReply(0x8000, SCREEN, group, command, 0, new byte[0]);
  }

  private static LedContent randomContent(Random random) {
    int counter = 1 + random.nextInt(99);
    return switch (random.nextInt(3)) {
      case 0 -> new LedContent.Call(
          (char) ('A' + random.nextInt(26)) + String.valueOf(random.nextInt(10_000_000)), counter);
      case 1 -> new LedContent.Paused(counter);
      default -> new LedContent.Idle(counter);
    };
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
