package hallq.device;

/** How a device job ended. */
public enum JobOutcome {
  /** The device took it (printed, shown). */
  DONE,
  /** The pad's key press became the ticket's rating. */
  RATED,
  /** The pad's window passed with no key pressed: the ticket stays unrated. */
  TIMED_OUT,
  /** The rating request reached the pad too late to ask anyone. */
  EXPIRED,
  /** A newer job for the same device made it pointless (an older sign text, an older rating request). */
  SUPERSEDED;

  /** Whether the bridge may report this outcome without a rating. */
  public boolean reportable(JobKind kind) {
    return switch (this) {
      case DONE -> kind != JobKind.RATING_REQUEST;
      case TIMED_OUT, EXPIRED -> kind == JobKind.RATING_REQUEST;
      case RATED, SUPERSEDED -> false;
    };
  }
}
