package hallq.bridge.pad;

import java.util.Optional;

/** Why a citizen gave a low score (≤ 2), as the reason register (5) carries it. */
public enum RatingReason {

  /** No reason: every score above 2, or a low score whose reason was not chosen. */
  NONE(0),

  /** 等候时间长. */
  LONG_WAIT(1),

  /** 办事效率低. */
  LOW_EFFICIENCY(2),

  /** 服务态度差. */
  POOR_ATTITUDE(3),

  /** 业务不熟练. */
  UNFAMILIAR_WITH_BUSINESS(4),

  /** 其他. */
  OTHER(5);

  private final int code;

  RatingReason(int code) {
    this.code = code;
  }

  /** @return the code 0..5 as written in register 5 */
  public int code() {
    return code;
  }

  /** @return the reason for a register value, empty if the value is not 0..5 */
  public static Optional<RatingReason> fromWire(int code) {
    for (RatingReason reason : values()) {
      if (reason.code == code) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }
}
