package hallq.bridge.modbus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds Modbus RTU frames in bytes arriving in arbitrary chunks. Boundaries come from the frame's
 * shape (a chunked serial read does not keep the line's silences); a candidate whose CRC fails is
 * dropped and counted and the search resumes one byte later, so a real frame behind garbage is
 * still found. Subclasses say how long a frame starting at an offset is, and what it means.
 *
 * @param <T> the decoded frame
 */
public abstract class RtuFrameScanner<T> {
  /** {@link #frameLength} answer: more bytes are needed to tell. */
  protected static final int NEED_MORE = ModbusRtu.NEED_MORE;
  /** {@link #frameLength} answer: no known frame starts here. */
  protected static final int NOT_A_FRAME = ModbusRtu.NOT_A_FRAME;

  private byte[] buffer;
  private int length;
  private long droppedFrames;
  private long skippedBytes;

  protected RtuFrameScanner(int maxFrameLength) {
    this.buffer = new byte[2 * maxFrameLength];
  }

  /** Appends a chunk and returns every frame it completes, oldest first. */
  public final List<T> feed(byte[] chunk) {
    append(chunk);
    List<T> frames = new ArrayList<>();
    int start = 0;
    while (start < length) {
      int frameLength = frameLength(buffer, start, length - start);
      if (frameLength == NEED_MORE || (frameLength > 0 && length - start < frameLength)) {
        break;
      }
      if (frameLength == NOT_A_FRAME) {
        skippedBytes++;
        start++;
      } else if (Crc16.MODBUS.matchesTrailer(buffer, start, frameLength - 2)) {
        frames.add(parse(buffer, start));
        start += frameLength;
      } else {
        droppedFrames++;
        start++;
      }
    }
    System.arraycopy(buffer, start, buffer, 0, length - start);
    length -= start;
    return frames;
  }

  /** Candidate frames whose CRC did not match, since creation. */
  public final long droppedFrames() {
    return droppedFrames;
  }

  /** Bytes skipped because no known frame could start at them. */
  public final long skippedBytes() {
    return skippedBytes;
  }

  /** Bytes held while waiting for the rest of a frame. */
  public final int pendingBytes() {
    return length;
  }

  /** The length of the frame at {@code offset}, or {@link #NEED_MORE} / {@link #NOT_A_FRAME}. */
  protected abstract int frameLength(byte[] bytes, int offset, int available);

  /** Decodes a complete frame whose CRC matched. */
  protected abstract T parse(byte[] bytes, int offset);

  private void append(byte[] chunk) {
    if (length + chunk.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + chunk.length));
    }
    System.arraycopy(chunk, 0, buffer, length, chunk.length);
    length += chunk.length;
  }
}
