package hallq.bridge.led;

/**
 * A sign's answer to one {@link LedProtocol#request(LedContent)}.
 *
 * @param ok whether the sign accepted the content
 * @param detail what the sign said, for logs, e.g. {@code BX-5K error 0C FONT_MISSING}
 */
public record LedAck(boolean ok, String detail) {

  public LedAck {
    if (detail == null) {
      throw new IllegalArgumentException("detail is required");
    }
  }
}
