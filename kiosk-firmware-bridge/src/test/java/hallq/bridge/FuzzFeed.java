package hallq.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Drives a streaming decoder the way a serial port does: arbitrary chunks, garbage in between. */
public final class FuzzFeed {

  private FuzzFeed() {
  }

  /**
   * Feeds {@code stream} in random chunks of 0..64 bytes and returns what the decoder produced,
   * checking after every chunk that its dropped-frame counter never goes down.
   */
  public static <T> List<T> inRandomChunks(byte[] stream, Random random, Function<byte[], List<T>> feed,
      LongSupplier droppedFrames) {
    List<T> decoded = new ArrayList<>();
    long dropped = 0;
    for (int offset = 0; offset < stream.length; ) {
      int size = Math.min(random.nextInt(65), stream.length - offset);
      decoded.addAll(feed.apply(Arrays.copyOfRange(stream, offset, offset + size)));
      offset += size;
      assertTrue(droppedFrames.getAsLong() >= dropped, "dropped-frame counter went down");
      dropped = droppedFrames.getAsLong();
    }
    return decoded;
  }

  /** How many of {@code expected} appear in {@code decoded}, in order. */
  public static <T> int countInOrder(List<T> expected, List<T> decoded) {
    int found = 0;
    for (T item : decoded) {
      if (found < expected.size() && expected.get(found).equals(item)) {
        found++;
      }
    }
    return found;
  }
}
