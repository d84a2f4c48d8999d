package hallq.bridge.led;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming decoder for BX-5K request frames, the controller's side of
 * {@link OnbonBx5kDecoder}. Requests and replies share the framing (preamble, escaping, length,
 * CRC-16/ARC); only the fifth command-header byte differs in meaning (response flag in a
 * request, error code in a reply), so the reply decoder's state machine does the framing,
 * dropping, counting and resynchronising.
 */
public final class Bx5kRequestDecoder {

  private final OnbonBx5kDecoder frames = new OnbonBx5kDecoder();

  /** Consumes a chunk and returns every request it completes, oldest first. */
  public List<Bx5kRequest> feed(byte[] chunk) {
    List<Bx5kRequest> requests = new ArrayList<>();
    for (Bx5kReply frame : frames.feed(chunk)) {
      requests.add(new Bx5kRequest(frame.dstAddr(), frame.srcAddr(), frame.group(),
          frame.command(), frame.errorCode(), frame.data()));
    }
    return requests;
  }

  /** Frames dropped since creation: cut short, badly escaped, wrong length or CRC. */
  public long droppedFrames() {
    return frames.droppedFrames();
  }
}
