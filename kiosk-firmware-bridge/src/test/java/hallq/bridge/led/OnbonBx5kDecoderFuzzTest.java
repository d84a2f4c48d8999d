package hallq.bridge.led;

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

class OnbonBx5kDecoderFuzzTest {

  private static final int PIECES = 100_000;
  private static final int PREAMBLE_LENGTH = 8;
  private static final byte[] FRAMING_BYTES = {(byte) 0xA5, (byte) 0xA6, 0x5A, 0x5B};
  private static final int[] ERROR_CODES = {0x00, 0x03, 0x05, 0x0C};

  @Test
  void survivesRandomInputAndStillDecodesEveryValidReply() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), this::fuzz);
  }

  private void fuzz() {
    Random random = new Random(20261127);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<Bx5kReply> expected = new ArrayList<>();
    int corrupted = 0;
    for (int i = 0; i < PIECES; i++) {
      switch (random.nextInt(3)) {
        case 0 -> stream.writeBytes(garbage(random, random.nextInt(41)));
        case 1 -> {
          Bx5kReply reply = randomReply(random);
          expected.add(reply);
          stream.writeBytes(frame(reply));
        }
        default -> {
          byte[] frame = frame(randomReply(random));
          int position = PREAMBLE_LENGTH + random.nextInt(frame.length - PREAMBLE_LENGTH);
          frame[position] ^= (byte) (1 + random.nextInt(255));
          stream.writeBytes(frame);
          corrupted++;
        }
      }
    }

    OnbonBx5kDecoder decoder = new OnbonBx5kDecoder();
    List<Bx5kReply> decoded = FuzzFeed.inRandomChunks(stream.toByteArray(), random, decoder::feed, decoder::droppedFrames);

    assertTrue(expected.size() > PIECES / 4, "the stream holds many valid replies");
    assertEquals(expected.size(), FuzzFeed.countInOrder(expected, decoded));
    assertTrue(decoder.droppedFrames() >= corrupted, "every corrupted reply is dropped: " + decoder.droppedFrames());
  }


  private static Bx5kReply randomReply(Random random) {
    byte[] data = garbage(random, random.nextInt(21));
    return new Bx5kReply(0x8000, random.nextInt(0x10000), random.nextInt(256), random.nextInt(256),
        ERROR_CODES[random.nextInt(ERROR_CODES.length)], data);
  }

  private static byte[] frame(Bx5kReply reply) {
    return Bx5kReplies.reply(
        reply.srcAddr(), reply.group(), reply.command(), reply.errorCode(), reply.data());
  }

  // Framing bytes are over-represented so that garbage often looks like a frame's start or end.
  private static byte[] garbage(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(8) == 0) {
        bytes[i] = FRAMING_BYTES[random.nextInt(FRAMING_BYTES.length)];
      }
    }
    return bytes;
  }
}
