package hallq.bench;

import hallq.bench.WaitReplay.Outcome;
import hallq.config.ConfigLoader;
import hallq.config.HallqConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The wait-estimate backtest: a generated busy day at the demo hall ({@link BusyDay}), replayed
 * through the estimator ({@link WaitReplay}), and how the band given at issue compares with each
 * citizen's real wait (issued → called). Run by {@code mvn -B -o -Pbacktest verify -pl server -am};
 * the argument is the day's seed.
 */
public final class WaitBacktest {
  private static final Path DEMO_HALL = Path.of("..", "config", "hallq.json");

  private WaitBacktest() {}

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
    HallqConfig hall = ConfigLoader.load(DEMO_HALL, Map.of());
    long started = System.nanoTime();
    BusyDay day = BusyDay.generate(hall, seed);
    List<Outcome> outcomes = WaitReplay.run(day);
    System.out.println(report(seed, day, outcomes, (System.nanoTime() - started) / 1e9));
  }

  static String report(long seed, BusyDay day, List<Outcome> outcomes, double seconds) {
    List<Outcome> banded = outcomes.stream().filter(o -> o.band() != null).toList();
    List<Outcome> old = outcomes.stream().filter(o -> o.oldEstimate() != null).toList();
    long inside = banded.stream().filter(o -> o.band().contains(o.waitedMinutes())).count();
    long sooner = banded.stream().filter(o -> o.waitedMinutes() < o.band().minMinutes()).count();
    long priority = outcomes.stream().filter(o -> o.citizen().priority()).count();
    return String.join("\n",
        "Wait estimate backtest, seed " + seed + " (" + String.format("%.1f", seconds) + " s)",
        "| figure | value |",
        "|---|---|",
        row("citizens called (priority)", outcomes.size() + " (" + priority + ")"),
        row("counters, with pauses", day.counters.size() + ", " + day.counters.stream().mapToInt(c -> c.pauses().size()).sum()),
        row("real wait: median / 90th percentile", minutes(median(outcomes, Outcome::waitedMinutes)) + " / "
            + minutes(percentile(outcomes.stream().mapToDouble(Outcome::waitedMinutes).toArray(), 0.9))),
        row("given a band (a counter was open)", percent(banded.size(), outcomes.size())),
        row("**real wait inside the band**", "**" + percent(inside, banded.size()) + "**"),
        row("called sooner / later than the band", percent(sooner, banded.size()) + " / " + percent(banded.size() - inside - sooner, banded.size())),
        row("**median absolute error of the band's midpoint**", "**" + minutes(median(banded, o -> Math.abs(o.band().midpointMinutes() - o.waitedMinutes()))) + "**"),
        row("median band width", minutes(median(banded, o -> o.band().maxMinutes() - o.band().minMinutes()))),
        row("old single estimate (ahead × standard / open counters): median absolute error",
            minutes(median(old, o -> Math.abs(o.oldEstimate() - o.waitedMinutes())))));
  }

  private static String row(String what, String value) {
    return "| " + what + " | " + value + " |";
  }

  private static double median(List<Outcome> outcomes, ToDoubleFunction<Outcome> value) {
    return percentile(outcomes.stream().mapToDouble(value).toArray(), 0.5);
  }

  private static double percentile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String minutes(double value) {
    return String.format("%.1f min", value);
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "n/a" : String.format("%.1f %%", 100.0 * part / whole);
  }
}
