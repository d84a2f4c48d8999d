package hallq.rating;

/**
 * Where a 差评整改 case stands, and the action that completes each step: 核实 (verify what happened)
 * → 整改 (rectify) → 反馈 (report back to the citizen) → 回访 (follow-up visit) → closed.
 */
public enum FollowUpStep {
  VERIFY("VERIFIED"),
  RECTIFY("RECTIFIED"),
  FEEDBACK("FED_BACK"),
  REVISIT("REVISITED"),
  CLOSED(null);

  private final String completedBy;

  FollowUpStep(String completedBy) {
    this.completedBy = completedBy;
  }

  /** The action that completes this step; null once closed. */
  public String completedBy() {
    return completedBy;
  }

  public FollowUpStep next() {
    return this == CLOSED ? CLOSED : values()[ordinal() + 1];
  }
}
