package hallq.bridge.pad;

import java.util.Objects;

/** What a read of the pad's registers 0..5 says about one rating request. */
public sealed interface PadResult {

  /** The request is open and the citizen has not pressed a key yet. */
  record Pending() implements PadResult {
  }

  /**
   * The citizen pressed one key within the window.
   *
   * @param score the key pressed
   * @param reason the reason chosen for a low score, {@link RatingReason#NONE} otherwise
   */
  record Rated(Score score, RatingReason reason) implements PadResult {

    public Rated {
      Objects.requireNonNull(score, "score");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The window closed without a key press. */
  record TimedOut() implements PadResult {
  }

  /**
   * The registers do not describe a valid state of the requested rating: another request id, no
   * open request, or a value outside its range. The bridge reports it and does not record a
   * rating.
   *
   * @param detail what was wrong, for the log
   */
  record Invalid(String detail) implements PadResult {

    public Invalid {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
