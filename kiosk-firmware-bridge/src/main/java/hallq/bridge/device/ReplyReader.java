package hallq.bridge.device;

import java.util.Optional;

/**
 * A streaming reader of one device reply, fed the chunks that arrive after a request.
 *
 * <p>It skips by itself whatever comes before the reply (noise, a late answer to an earlier
 * request, another unit's frame). A new reader is used for each exchange.
 *
 * @param <T> the decoded reply
 */
@FunctionalInterface
public interface ReplyReader<T> {

  /**
   * Takes the next chunk received.
   *
   * @param chunk bytes in arrival order, never empty
   * @return the reply once it is complete; empty while more bytes are needed
   */
  Optional<T> feed(byte[] chunk);
}
