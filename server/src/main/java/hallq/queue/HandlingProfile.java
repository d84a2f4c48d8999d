package hallq.queue;

import java.util.Collection;
import java.util.Optional;

/**
 * How long one service's tickets take a counter (called → finished), as a quick and a slow time in
 * minutes: the lower quartile and the 90th percentile of its recent times. Percentiles, not mean ±
 * deviation, because handling times are skewed (a few cases take several times the usual) and one
 * such case must not swing every citizen's estimate. The slow one reaches higher than the upper
 * quartile because it must also absorb what the estimate leaves out: counters that pause after the
 * ticket was issued, priority tickets that come later and go first, citizens who do not come when
 * called. In the backtest (BENCHMARKS.md) the upper quartile let about 30 % of citizens wait past
 * the band, the 90th percentile about 20 %, for a band a few minutes wider.
 */
public record HandlingProfile(double quickMinutes, double slowMinutes) {

  /** Fewer recent finished tickets than this, and the service's standard handling time is used instead. */
  public static final int MIN_SAMPLES = 5;

  static final double LOW_QUANTILE = 0.25;
  static final double HIGH_QUANTILE = 0.9;

  /**
   * Without history, the standard time stretched to an assumed spread: service is seldom much
   * quicker than the standard, and more often slower.
   */
  static final double FALLBACK_QUICK = 0.75;
  static final double FALLBACK_SLOW = 1.5;

  public HandlingProfile {
    if (quickMinutes < 0 || slowMinutes < quickMinutes) {
      throw new IllegalArgumentException("not a handling profile: " + quickMinutes + "–" + slowMinutes);
    }
  }

  /** From recent handling times in minutes; empty when there are fewer than {@link #MIN_SAMPLES}. */
  public static Optional<HandlingProfile> recent(Collection<Double> minutes) {
    if (minutes.size() < MIN_SAMPLES) {
      return Optional.empty();
    }
    double[] sorted = minutes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return Optional.of(new HandlingProfile(quantile(sorted, LOW_QUANTILE), quantile(sorted, HIGH_QUANTILE)));
  }

  public static HandlingProfile standard(int standardServiceMinutes) {
    return new HandlingProfile(standardServiceMinutes * FALLBACK_QUICK, standardServiceMinutes * FALLBACK_SLOW);
  }

  /** Linear interpolation between the closest ranks of sorted values. */
  static double quantile(double[] sorted, double q) {
    double rank = q * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }
}
