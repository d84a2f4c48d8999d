package hallq.bridge.led;

import java.util.Optional;

/**
 * Reads a sign's reply to one request from bytes arriving in arbitrary chunks. Garbage and frames
 * with a bad CRC are skipped and counted; well-formed replies from another device or to another
 * command are ignored. Not thread-safe: one reader per request, fed by the port's reader.
 */
public interface LedReplyReader {

  /**
   * Consumes a chunk.
   *
   * @return the sign's answer once its complete reply has arrived. If one chunk completes more
   *     than one reply, the later ones are returned by the following calls, oldest first; an
   *     empty chunk takes them without new bytes.
   */
  Optional<LedAck> feed(byte[] chunk);

  /** @return frames dropped for bad framing or CRC since this reader was created */
  long droppedFrames();
}
