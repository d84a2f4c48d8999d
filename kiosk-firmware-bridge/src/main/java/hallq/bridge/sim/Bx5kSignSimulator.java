package hallq.bridge.sim;

import hallq.bridge.led.Bx5kCommand;
import hallq.bridge.led.Bx5kError;
import hallq.bridge.led.Bx5kRequest;
import hallq.bridge.led.Bx5kRequestDecoder;
import hallq.bridge.led.DynamicAreaText;
import hallq.bridge.led.OnbonBx5k;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An Onbon BX-5K controller's side of the link, for demos and tests: request frames in, in any
 * chunking, reply frames out through a callback. Pure (no I/O) and thread-safe.
 *
 * <p>Frames addressed to another screen are ignored. Of the frames to this screen, a real-time
 * dynamic area {@code A3 06} replaces the shown text, clear screen {@code A3 10} blanks it, and
 * every frame with response flag {@code 01} is answered with an OK reply echoing its command.
 * Frames that are cut short, badly escaped or fail their CRC-16/ARC are dropped and counted, and
 * so is an {@code A3 06} whose area data does not parse; neither is answered, as a controller
 * that missed a frame stays silent and the bridge times out.
 */
public final class Bx5kSignSimulator {

  private final int screenAddress;
  private final Consumer<byte[]> replies;
  private final Bx5kRequestDecoder decoder = new Bx5kRequestDecoder();
  private String shownText = "";
  private long unreadableAreas;
  private long otherScreenFrames;

  /**
   * @param screenAddress this controller's address, 0..65535
   * @param replies receives each reply frame, on the thread that called {@link #feed(byte[])}
   */
  public Bx5kSignSimulator(int screenAddress, Consumer<byte[]> replies) {
    if (screenAddress < 0 || screenAddress > 0xFFFF) {
      throw new IllegalArgumentException("screen address must be 0..65535: " + screenAddress);
    }
    this.screenAddress = screenAddress;
    this.replies = Objects.requireNonNull(replies, "replies");
  }

  /** Takes the bytes the host sent and handles every complete frame. */
  public synchronized void feed(byte[] chunk) {
    for (Bx5kRequest request : decoder.feed(chunk)) {
      if (request.dstAddr() != screenAddress) {
        otherScreenFrames++;
        continue;
      }
      if (request.is(Bx5kCommand.DYNAMIC_AREA)) {
        Optional<DynamicAreaText> area = DynamicAreaText.decode(request.data());
        if (area.isEmpty()) {
          unreadableAreas++;
          continue;
        }
        shownText = area.get().text();
      } else if (request.is(Bx5kCommand.CLEAR_SCREEN)) {
        shownText = "";
      }
      if (request.replyWanted()) {
        replies.accept(OnbonBx5k.replyFrame(
            screenAddress, request.group(), request.command(), Bx5kError.OK));
      }
    }
  }

  /** @return the text of the last dynamic area received, "" at power-on or after a clear */
  public synchronized String shownText() {
    return shownText;
  }

  /** @return frames dropped: bad framing or CRC, or dynamic-area data that does not parse */
  public synchronized long droppedFrames() {
    return decoder.droppedFrames() + unreadableAreas;
  }

  /** @return well-formed frames for another screen address, ignored */
  public synchronized long otherScreenFrames() {
    return otherScreenFrames;
  }

  /** @return one line for a demo page: the shown text, or {@code (blank)} */
  public synchronized String describe() {
    return shownText.isEmpty() ? "(blank)" : shownText;
  }
}
