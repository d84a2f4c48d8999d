package hallq.bridge.device;

/**
 * The ticket printer's condition as the server tracks it (same names as the server's
 * {@code PrinterState}), from the real-time status replies {@code DLE EOT 4}, {@code DLE EOT 2}
 * and, when needed, {@code DLE EOT 3}.
 *
 * <p>When several hold, the one that stops printing and needs a person first wins:
 * {@link #COVER_OPEN} (with the cover open the paper sensor may read empty), then
 * {@link #PAPER_OUT}, {@link #CUTTER_ERROR}, {@link #OFFLINE}, and only then
 * {@link #PAPER_NEAR_END}, which still prints.
 */
public enum PrinterCondition {

  /** Ready, paper plenty. */
  OK,

  /** Still printing, the roll is nearly used up ({@code DLE EOT 4}: 0x0C). */
  PAPER_NEAR_END,

  /** No paper ({@code DLE EOT 4}: 0x60, or {@code DLE EOT 2}: 0x20 stopped at paper end). */
  PAPER_OUT,

  /** The cover is open ({@code DLE EOT 2}: 0x04). */
  COVER_OPEN,

  /** An error whose cause is the auto-cutter ({@code DLE EOT 2}: 0x40, {@code DLE EOT 3}: 0x08). */
  CUTTER_ERROR,

  /**
   * Not printing for another reason: an error with no cause the printer names, no status reply
   * in time, or the port cannot be used (adapter unplugged).
   */
  OFFLINE
}
