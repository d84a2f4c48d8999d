package hallq.bridge.led;

import hallq.bridge.modbus.Crc16;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming decoder for BX-5K reply frames arriving in arbitrary chunks.
 *
 * <p>A frame starts at one or more {@code A5} bytes and ends at {@code 5A}; escaping keeps both
 * out of the body, so an {@code A5} inside a body means the previous frame was cut short and a
 * new one begins. Frames that are cut short, badly escaped, of inconsistent length or with a
 * wrong CRC-16/ARC are dropped and counted.
 */
public final class OnbonBx5kDecoder {

  /** Longest escaped body accepted; BX-5K packets are at most 1 KiB of data. */
  static final int MAX_ESCAPED_BODY = 4096;

  private static final int MIN_BODY = OnbonBx5k.HEADER_LENGTH
      + OnbonBx5k.COMMAND_HEADER_LENGTH
      + OnbonBx5k.CRC_LENGTH;

  private enum State { HUNTING, PREAMBLE, BODY }

  private final ByteArrayOutputStream escapedBody = new ByteArrayOutputStream();
  private State state = State.HUNTING;
  private long droppedFrames;

  /** Consumes a chunk and returns every reply it completes, oldest first. */
  public List<Bx5kReply> feed(byte[] chunk) {
    List<Bx5kReply> replies = new ArrayList<>();
    for (byte b : chunk) {
      accept(b & 0xFF, replies);
    }
    return replies;
  }

  /** Frames dropped since creation. */
  public long droppedFrames() {
    return droppedFrames;
  }

  private void accept(int value, List<Bx5kReply> replies) {
    switch (state) {
      case HUNTING -> {
        if (value == Bx5kEscaping.PREAMBLE) {
          state = State.PREAMBLE;
        }
      }
      case PREAMBLE -> {
        if (value == Bx5kEscaping.TRAILER) {
          drop();
        } else if (value != Bx5kEscaping.PREAMBLE) {
          escapedBody.reset();
          escapedBody.write(value);
          state = State.BODY;
        }
      }
      case BODY -> {
        if (value == Bx5kEscaping.PREAMBLE) {
          drop();
          state = State.PREAMBLE;
        } else if (value == Bx5kEscaping.TRAILER) {
          complete(replies);
        } else if (escapedBody.size() >= MAX_ESCAPED_BODY) {
          drop();
        } else {
          escapedBody.write(value);
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void complete(List<Bx5kReply> replies) {
    byte[] escaped = escapedBody.toByteArray();
    byte[] body = Bx5kEscaping.unescape(escaped, escaped.length);
    if (body == null || !wellFormed(body)) {
      drop();
      return;
    }
    replies.add(parse(body));
    escapedBody.reset();
    state = State.HUNTING;
  }

  private static boolean wellFormed(byte[] body) {
    if (body.length < MIN_BODY) {
      return false;
    }
    int dataLength = OnbonBx5k.littleEndian(body, OnbonBx5k.HEADER_LENGTH - 2);
    if (OnbonBx5k.HEADER_LENGTH + dataLength + OnbonBx5k.CRC_LENGTH != body.length) {
      return false;
    }
    int crcOffset = body.length - OnbonBx5k.CRC_LENGTH;
    return Crc16.ARC.compute(body, 0, crcOffset) == OnbonBx5k.littleEndian(body, crcOffset);
  }

  private static Bx5kReply parse(byte[] body) {
    int command = OnbonBx5k.HEADER_LENGTH;
    byte[] data = Arrays.copyOfRange(
        body, command + OnbonBx5k.COMMAND_HEADER_LENGTH, body.length - OnbonBx5k.CRC_LENGTH);
    return new Bx5kReply(
        OnbonBx5k.littleEndian(body, 0),
        OnbonBx5k.littleEndian(body, 2),
        body[command] & 0xFF,
        body[command + 1] & 0xFF,
        body[command + 2] & 0xFF,
        data);
  }

  private void drop() {
    droppedFrames++;
    escapedBody.reset();
    state = State.HUNTING;
  }
}
