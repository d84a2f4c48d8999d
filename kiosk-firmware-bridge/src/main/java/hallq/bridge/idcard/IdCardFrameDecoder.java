package hallq.bridge.idcard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds reader frames ({@link IdCardFrames}) in bytes arriving in arbitrary chunks and returns their
 * bodies. Bytes before a preamble are skipped. A frame whose LEN is out of range or whose XOR does not
 * match is dropped and counted, and the search resumes one byte after its preamble's start, so a real
 * frame hidden behind a corrupted one is still found. Not thread-safe.
 */
public final class IdCardFrameDecoder {
  private byte[] buffer = new byte[2 * (IdCardFrames.HEADER + IdCardFrames.MAX_LEN)];
  private int length;
  private long droppedFrames;
  private long skippedBytes;

  /** Appends a chunk and returns the body of every frame it completes, oldest first. */
  public List<byte[]> feed(byte[] chunk) {
    append(chunk);
    List<byte[]> bodies = new ArrayList<>();
    int start = 0;
    while (true) {
      int preamble = findPreamble(start);
      skippedBytes += preamble - start;
      start = preamble;
      if (length - start < IdCardFrames.HEADER) {
        break;
      }
      int len = (buffer[start + 5] & 0xFF) << 8 | buffer[start + 6] & 0xFF;
      if (len < IdCardFrames.MIN_LEN || len > IdCardFrames.MAX_LEN) {
        droppedFrames++;
        start++;
        continue;
      }
      int end = start + IdCardFrames.HEADER + len;
      if (end > length) {
        break;
      }
      if (IdCardFrames.xor(buffer, start + IdCardFrames.PREAMBLE.length, end - 1) != buffer[end - 1]) {
        droppedFrames++;
        start++;
        continue;
      }
      bodies.add(Arrays.copyOfRange(buffer, start + IdCardFrames.HEADER, end - 1));
      start = end;
    }
    System.arraycopy(buffer, start, buffer, 0, length - start);
    length -= start;
    return bodies;
  }

  /** Frames dropped for a bad length or checksum, since creation. */
  public long droppedFrames() {
    return droppedFrames;
  }

  /** Bytes skipped because no preamble started at them, since creation. */
  public long skippedBytes() {
    return skippedBytes;
  }

  /**
   * The first offset from {@code from} where a preamble starts, or where the rest of the buffer is a
   * prefix of one (kept until more bytes tell); {@code length} when neither.
   */
  private int findPreamble(int from) {
    byte[] preamble = IdCardFrames.PREAMBLE;
    for (int i = from; i < length; i++) {
      int matched = 0;
      while (matched < preamble.length && i + matched < length && buffer[i + matched] == preamble[matched]) {
        matched++;
      }
      if (matched == preamble.length || i + matched == length) {
        return i;
      }
    }
    return length;
  }

  private void append(byte[] chunk) {
    if (length + chunk.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + chunk.length));
    }
    System.arraycopy(chunk, 0, buffer, length, chunk.length);
    length += chunk.length;
  }
}
