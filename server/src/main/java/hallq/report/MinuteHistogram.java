package hallq.report;

import java.util.List;

/** Percentiles from a histogram of whole minutes, as PostgreSQL's {@code percentile_cont} would give over the values. */
final class MinuteHistogram {
  private MinuteHistogram() {}

  /**
   * @param buckets {minute, count} pairs in ascending minute order; null or empty for no values
   * @return the percentile in seconds (minute × 60, interpolated linearly between the closest ranks), or null
   */
  static Double percentileSeconds(List<long[]> buckets, double p) {
    if (buckets == null || buckets.isEmpty()) {
      return null;
    }
    long total = buckets.stream().mapToLong(b -> b[1]).sum();
    double position = p * (total - 1);
    long lower = (long) Math.floor(position);
    double fraction = position - lower;
    double below = valueAt(buckets, lower);
    double above = lower + 1 < total ? valueAt(buckets, lower + 1) : below;
    return 60 * (below + fraction * (above - below));
  }

  /** The value at 0-based rank {@code rank} of the expanded, sorted values. */
  private static double valueAt(List<long[]> buckets, long rank) {
    long seen = 0;
    for (long[] bucket : buckets) {
      seen += bucket[1];
      if (rank < seen) {
        return bucket[0];
      }
    }
    return buckets.get(buckets.size() - 1)[0];
  }
}
