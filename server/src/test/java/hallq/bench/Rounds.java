package hallq.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Medians over the rounds of a benchmark: a shared machine is noisy, one round proves little. */
final class Rounds {
  private Rounds() {}

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static <T> double medianBy(List<T> rounds, ToDoubleFunction<T> figure) {
    return median(rounds.stream().map(round -> figure.applyAsDouble(round)).toList());
  }

  static double medianRate(List<ClosedLoop.Result> rounds) {
    return medianBy(rounds, ClosedLoop.Result::perSecond);
  }

  /** The median over rounds of each round's {@code p}-th percentile latency, in ms. */
  static double median(List<ClosedLoop.Result> rounds, double p) {
    return medianBy(rounds, round -> round.latencies().percentileMillis(p));
  }

  static double medianOf(List<Samples> rounds, double p) {
    return medianBy(rounds, samples -> samples.percentileMillis(p));
  }

  /** E.g. "503 DATABASE_UNAVAILABLE × 3", for the table's notes. */
  @SafeVarargs
  static String failureKinds(List<ClosedLoop.Result>... runs) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (List<ClosedLoop.Result> rounds : runs) {
      rounds.forEach(round -> round.failuresByKind().forEach((kind, n) -> kinds.merge(kind, n, Integer::sum)));
    }
    return kinds.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", "));
  }

  static int failures(List<ClosedLoop.Result> rounds) {
    return rounds.stream().mapToInt(ClosedLoop.Result::failures).sum();
  }
}
