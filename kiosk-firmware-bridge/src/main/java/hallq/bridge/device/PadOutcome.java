package hallq.bridge.device;

import hallq.bridge.pad.RatingReason;
import hallq.bridge.pad.Score;
import java.util.Objects;
import java.util.Optional;

/** How one rating request on the evaluation pad (评价器) ended. */
public sealed interface PadOutcome {

  /**
   * The citizen pressed a score key within the window.
   *
   * @param score the key pressed
   * @param reason the reason picked for a low score; empty when none was given
   */
  record Rated(Score score, Optional<RatingReason> reason) implements PadOutcome {

    public Rated {
      Objects.requireNonNull(score, "score");
      Objects.requireNonNull(reason, "reason");
      if (reason.isPresent() && reason.get() == RatingReason.NONE) {
        throw new IllegalArgumentException("no reason is Optional.empty(), not NONE");
      }
    }
  }

  /** No key was pressed within the window, by the pad's account or the bridge's clock. */
  record TimedOut() implements PadOutcome {
  }

  /**
   * The pad's registers did not describe the request that was opened (another request id, a
   * value out of range): no rating may be recorded.
   *
   * @param why what was wrong, for the log
   */
  record Invalid(String why) implements PadOutcome {

    public Invalid {
      Objects.requireNonNull(why, "why");
    }
  }
}
