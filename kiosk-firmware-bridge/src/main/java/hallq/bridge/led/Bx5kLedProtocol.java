package hallq.bridge.led;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;

/**
 * Counter signs on Onbon BX-5K / 5MK controllers: each {@link LedContent} is one real-time
 * dynamic-area frame {@code A3 06} ({@link OnbonBx5k#dynamicAreaText}) carrying
 * {@link LedContent#text()} in GB2312, response flag {@code 01} (reply wanted). The controller's
 * reply echoes {@code A3 06} with an error code: {@code 00} OK, {@code 03} busy, {@code 05} CRC
 * error, {@code 0C} font missing.
 *
 * <p>The {@code A3 06} data layout is not yet checked on a controller (see
 * {@link DynamicAreaText}); neither is the default geometry, which suits a one-line
 * 128×16 sign: pass an area template that matches the installed sign.
 */
public final class Bx5kLedProtocol implements LedProtocol {

  /**
   * Area 0 at the top left, 16 × 8 = 128 pixels wide, 16 high, scrolling left (a call needs
   * 136 pixels in a 16-pixel font), speed 4, stay time 5.
   */
  public static final DynamicAreaText DEFAULT_AREA =
      new DynamicAreaText(0, 0, 0, 16, 16, DisplayMode.MOVE_LEFT, 4, 5, "");

  private final int screenAddress;
  private final OnbonBx5k encoder;
  private final DynamicAreaText area;

  /** @param screenAddress the controller's address, 0..65535 (factory default 1) */
  public Bx5kLedProtocol(int screenAddress) {
    this(screenAddress, DEFAULT_AREA);
  }

  /**
   * @param screenAddress the controller's address, 0..65535 (factory default 1)
   * @param area geometry, display mode, speed and stay time to use; its text is ignored
   */
  public Bx5kLedProtocol(int screenAddress, DynamicAreaText area) {
    this.encoder = new OnbonBx5k(screenAddress);
    this.screenAddress = screenAddress;
    this.area = Objects.requireNonNull(area, "area");
  }

  @Override
  public String name() {
    return BX5K;
  }

  /** One {@code A3 06} frame to this screen with the content's text, reply wanted. */
  @Override
  public byte[] request(LedContent content) {
    return encoder.dynamicAreaText(area.withText(content.text()));
  }

  /**
   * Reads the {@code A3 06} reply from this screen to the host, decoded by
   * {@link OnbonBx5kDecoder}; replies from another screen or to another command are ignored.
   */
  @Override
  public LedReplyReader newReplyReader() {
    return new ReplyReader();
  }

  /** @return {@code ok} for error code 00, else a detail naming the code */
  static LedAck ack(Bx5kReply reply) {
    if (reply.ok()) {
      return new LedAck(true, "BX-5K OK");
    }
    String name = reply.error().map(Enum::name).orElse("unknown");
    return new LedAck(false, String.format("BX-5K error %02X %s", reply.errorCode(), name));
  }

  private final class ReplyReader implements LedReplyReader {

    private final OnbonBx5kDecoder decoder = new OnbonBx5kDecoder();
    private final Queue<LedAck> pending = new ArrayDeque<>();

    @Override
    public Optional<LedAck> feed(byte[] chunk) {
      for (Bx5kReply reply : decoder.feed(chunk)) {
        if (reply.dstAddr() == OnbonBx5k.HOST_ADDRESS
            && reply.srcAddr() == screenAddress
            && reply.group() == Bx5kCommand.DYNAMIC_AREA.group()
            && reply.command() == Bx5kCommand.DYNAMIC_AREA.code()) {
          pending.add(ack(reply));
        }
      }
      return Optional.ofNullable(pending.poll());
    }

    @Override
    public long droppedFrames() {
      return decoder.droppedFrames();
    }
  }
}
