package hallq.bridge.modbus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming decoder for Modbus RTU replies arriving in arbitrary chunks.
 *
 * <p>Frame boundaries are found from the reply shape (0x06/0x10 echo 8 bytes, exceptions 5
 * bytes, 0x03 sized by its byte count) rather than from line silence, which a chunked serial
 * read does not preserve. A candidate whose CRC fails is dropped and counted, and the search
 * resumes one byte later, so a real frame hidden behind garbage is still found.
 */
public final class ModbusRtuDecoder {

  private byte[] buffer = new byte[ModbusRtu.MAX_FRAME_LENGTH * 2];
  private int length;
  private long droppedFrames;
  private long skippedBytes;

  /** Appends a chunk and returns every reply it completes, oldest first. */
  public List<ModbusReply> feed(byte[] chunk) {
    append(chunk);
    List<ModbusReply> replies = new ArrayList<>();
    int start = 0;
    while (start < length) {
      int frameLength = ModbusRtu.replyLength(buffer, start, length - start);
      if (frameLength == ModbusRtu.NEED_MORE) {
        break;
      }
      if (frameLength == ModbusRtu.NOT_A_FRAME) {
        skippedBytes++;
        start++;
        continue;
      }
      if (length - start < frameLength) {
        break;
      }
      if (Crc16.MODBUS.matchesTrailer(buffer, start, frameLength - 2)) {
        replies.add(ModbusRtu.parse(buffer, start));
        start += frameLength;
      } else {
        droppedFrames++;
        start++;
      }
    }
    System.arraycopy(buffer, start, buffer, 0, length - start);
    length -= start;
    return replies;
  }

  /** Candidate frames whose CRC did not match, since creation. */
  public long droppedFrames() {
    return droppedFrames;
  }

  /** Bytes skipped because no known reply could start at them. */
  public long skippedBytes() {
    return skippedBytes;
  }

  /** Bytes held while waiting for the rest of a frame. */
  public int pendingBytes() {
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
