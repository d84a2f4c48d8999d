package hallq.bridge.pad;

import java.util.Optional;

/** The five keys of the evaluation pad (评价器), as the score register (4) carries them. */
public enum Score {

  /** 非常不满意. */
  VERY_DISSATISFIED(1),

  /** 不满意. */
  DISSATISFIED(2),

  /** 基本满意. */
  FAIRLY_SATISFIED(3),

  /** 满意. */
  SATISFIED(4),

  /** 非常满意. */
  VERY_SATISFIED(5);

  /** Scores at or below this one carry a reason code (register 5). */
  public static final int MAX_LOW_SCORE = 2;

  private final int value;

  Score(int value) {
    this.value = value;
  }

  /** @return the score 1..5 as written in register 4 */
  public int value() {
    return value;
  }

  /** @return whether this score is low enough to ask the citizen for a reason */
  public boolean isLow() {
    return value <= MAX_LOW_SCORE;
  }

  /** @return the score for a register value, empty if the value is not 1..5 */
  public static Optional<Score> fromWire(int value) {
    for (Score score : values()) {
      if (score.value == value) {
        return Optional.of(score);
      }
    }
    return Optional.empty();
  }
}
