package hallq.quality;

import hallq.DomainException;
import hallq.db.PgKpiRepository;
import hallq.queue.HallClock;
import hallq.report.ReportGrouping;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KPI targets and the live KPI board: each target of a period beside the period's actual figure so
 * far, whether it is met, and the indicator's trend over the last six months.
 */
public final class KpiBoard {
  /** The indicators a target may be set for: which way is better, and the range of a target. */
  private record Kind(boolean higherIsBetter, double min, double max) {
    boolean meets(double actual, double target) {
      return higherIsBetter ? actual >= target : actual <= target;
    }

    /** The smaller, the better. */
    double badness(double actual) {
      return higherIsBetter ? -actual : actual;
    }
  }

  private static final Kind SHARE = new Kind(true, 0, 1);
  private static final Kind SHARE_LOWER = new Kind(false, 0, 1);
  private static final Map<String, Kind> KINDS = new TreeMap<>(Map.ofEntries(
      Map.entry("activeRate", SHARE), Map.entry("unratedRate", SHARE_LOWER), Map.entry("goodRate", SHARE),
      Map.entry("lowCount", new Kind(false, 0, 1_000_000)), Map.entry("replyRate", SHARE), Map.entry("revisitRate", SHARE),
      Map.entry("revisitSatisfiedRate", SHARE), Map.entry("onTimeRate", SHARE), Map.entry("overdueCases", new Kind(false, 0, 1_000_000)),
      Map.entry("reopenRate", SHARE_LOWER), Map.entry("weightedScore", new Kind(true, 0, 100)), Map.entry("csat", new Kind(true, 1, 5)),
      Map.entry("withinTargetWaitRate", SHARE), Map.entry("withinStandardTimeRate", SHARE), Map.entry("onceDoneRate", SHARE),
      Map.entry("nps", new Kind(true, -100, 100))));
  static final int TREND_MONTHS = 6;

  private final Pool pool;
  private final HallClock clock;
  private final IndicatorService indicators;
  private final PgKpiRepository targets;

  public KpiBoard(Pool pool, String hallId, HallClock clock, IndicatorService indicators) {
    this.pool = pool;
    this.clock = clock;
    this.indicators = indicators;
    this.targets = new PgKpiRepository(hallId);
  }

  /** A manager sets the period's targets (those not named are dropped); the reply is the board. */
  public Future<JsonObject> setTargets(String periodText, JsonObject given, String by) {
    KpiPeriod period = KpiPeriod.parse(periodText);
    Map<String, Double> checked = new TreeMap<>();
    for (String indicator : given.fieldNames()) {
      Kind kind = KINDS.get(indicator);
      if (kind == null) {
        throw DomainException.invalid("targets." + indicator, "no such indicator; targets may be set for " + KINDS.keySet());
      }
      Object value = given.getValue(indicator);
      if (!(value instanceof Number number) || number.doubleValue() < kind.min() || number.doubleValue() > kind.max()) {
        throw DomainException.invalid("targets." + indicator, "must be a number from " + kind.min() + " to " + kind.max());
      }
      checked.put(indicator, number.doubleValue());
    }
    return pool.withTransaction(sql -> targets.replace(sql, period.name(), checked, by, clock.now()))
        .compose(v -> board(period.name()));
  }

  public Future<JsonObject> board(String periodText) {
    KpiPeriod period = KpiPeriod.parse(periodText);
    LocalDate today = clock.today();
    LocalDate lastSoFar = period.lastSoFar(today);
    List<YearMonth> months = new ArrayList<>();
    for (int back = TREND_MONTHS - 1; back >= 0; back--) {
      months.add(YearMonth.from(lastSoFar).minusMonths(back));
    }
    // The period so far, then each month of the trend: read together on one connection.
    List<IndicatorService.Days> periods = new ArrayList<>();
    periods.add(new IndicatorService.Days(period.first(), lastSoFar));
    months.forEach(m -> periods.add(new IndicatorService.Days(m.atDay(1), min(m.atEndOfMonth(), today))));
    Future<Map<String, Double>> set = pool.withConnection(sql -> targets.targets(sql, period.name()));
    Future<List<JsonObject>> figures = indicators.totals(periods);
    return Future.all(set, figures).map(all -> {
      JsonObject actual = figures.result().get(0);
      List<JsonObject> trend = figures.result().subList(1, periods.size());
      JsonArray rows = new JsonArray();
      set.result().forEach((indicator, target) -> {
        Kind kind = KINDS.get(indicator);
        Number value = (Number) actual.getValue(indicator);
        JsonArray points = new JsonArray();
        for (int i = 0; i < months.size(); i++) {
          points.add(new JsonObject().put("month", months.get(i).toString()).put("value", trend.get(i).getValue(indicator)));
        }
        rows.add(new JsonObject()
            .put("indicator", indicator)
            .put("target", target)
            .put("higherIsBetter", kind.higherIsBetter())
            .put("actual", value)
            .put("met", value == null ? null : kind.meets(value.doubleValue(), target))
            .put("trend", points));
      });
      return new JsonObject()
          .put("period", period.name())
          .put("from", period.first().toString())
          .put("to", period.last().toString())
          .put("asOf", lastSoFar.toString())
          .put("indicators", new JsonArray(List.copyOf(KINDS.keySet())))
          .put("rows", rows);
    });
  }

  /**
   * 窗口评价: every window's indicators over the period so far, its rank among the windows on each
   * indicator with a target (1 the best), its 未达标项 (targets it missed), and an overall rank (fewest
   * missed first, then the higher weighted satisfaction); a window ranked last in this period and the
   * one before is flagged.
   */
  public Future<JsonObject> windows(String periodText) {
    return evaluation(KpiPeriod.parse(periodText)).map(evaluation -> new JsonObject().put("period", evaluation.period().name())
        .put("previous", evaluation.previous().name()).put("windows", evaluation.windows()));
  }

  /** Whether the whole hall misses its target for {@code indicator} over the period so far (no target: no). */
  Future<Boolean> hallMisses(KpiPeriod period, String indicator) {
    LocalDate today = clock.today();
    Future<Map<String, Double>> set = pool.withConnection(sql -> targets.targets(sql, period.name()));
    Future<List<JsonObject>> actual = indicators.totals(List.of(new IndicatorService.Days(period.first(), period.lastSoFar(today))));
    return Future.all(set, actual).map(both -> Boolean.FALSE.equals(meets(indicator, actual.result().get(0).getValue(indicator),
        set.result().get(indicator))));
  }

  /**
   * A period's 窗口评价 (windows ranked, best first, each flagged if last twice running) and the period
   * before's, with the targets each was judged by.
   */
  record Evaluation(KpiPeriod period, Map<String, Double> targets, JsonArray windows, KpiPeriod previous,
      Map<String, Double> previousTargets, JsonArray previousWindows) {}

  /** One period's targets and its windows ranked by them. */
  private record Evaluated(Map<String, Double> targets, JsonArray windows) {}

  Future<Evaluation> evaluation(KpiPeriod period) {
    KpiPeriod before = period.previous();
    Future<Evaluated> current = evaluated(period);
    Future<Evaluated> earlier = evaluated(before);
    return Future.all(current, earlier).map(both -> {
      JsonArray now = current.result().windows();
      JsonArray then = earlier.result().windows();
      String lastBefore = lastOf(then);
      String lastNow = lastOf(now);
      for (Object item : now) {
        JsonObject window = (JsonObject) item;
        window.put("lastTwice", window.getString("key").equals(lastNow) && window.getString("key").equals(lastBefore));
      }
      return new Evaluation(period, current.result().targets(), now, before, earlier.result().targets(), then);
    });
  }

  private static String lastOf(JsonArray ranked) {
    return ranked.size() < 2 ? null : ranked.getJsonObject(ranked.size() - 1).getString("key");
  }

  /** The period's windows, ranked overall, best first. */
  private Future<Evaluated> evaluated(KpiPeriod period) {
    LocalDate today = clock.today();
    Future<Map<String, Double>> set = pool.withConnection(sql -> targets.targets(sql, period.name()));
    if (period.first().isAfter(today)) {
      return set.map(none -> new Evaluated(none, new JsonArray()));
    }
    Future<Map<String, JsonObject>> rows = indicators.rows(period.first(), period.lastSoFar(today), ReportGrouping.COUNTER);
    return Future.all(set, rows).map(both -> {
      List<JsonObject> windows = new ArrayList<>();
      rows.result().forEach((key, figures) -> {
        if (!key.equals("-") && figures.getLong("finished") > 0) {
          windows.add(new JsonObject().put("key", key).put("counterNo", Integer.parseInt(key)).put("indicators", figures)
              .put("ranks", new JsonObject()).put("missed", new JsonArray()));
        }
      });
      for (Map.Entry<String, Double> target : set.result().entrySet()) {
        rankOn(windows, target.getKey(), target.getValue());
      }
      windows.sort(Comparator.<JsonObject>comparingInt(w -> w.getJsonArray("missed").size())
          .thenComparing(w -> -number(w.getJsonObject("indicators").getValue("weightedScore"), -1)));
      for (int i = 0; i < windows.size(); i++) {
        windows.get(i).put("rank", i + 1);
      }
      return new Evaluated(set.result(), new JsonArray(windows));
    });
  }

  /** Each window's rank on one indicator (1 the best; none without a figure) and whether it missed the target. */
  private static void rankOn(List<JsonObject> windows, String indicator, double target) {
    Kind kind = KINDS.get(indicator);
    // Equal figures share a rank: one more than the windows that did better.
    List<Double> badness = windows.stream().map(w -> w.getJsonObject("indicators").getValue(indicator))
        .filter(v -> v != null).map(v -> kind.badness(number(v, 0))).toList();
    for (JsonObject window : windows) {
      Object value = window.getJsonObject("indicators").getValue(indicator);
      if (value == null) {
        window.getJsonObject("ranks").putNull(indicator);
        continue;
      }
      double actual = number(value, 0);
      window.getJsonObject("ranks").put(indicator, 1 + (int) badness.stream().filter(b -> b < kind.badness(actual)).count());
      if (!kind.meets(actual, target)) {
        window.getJsonArray("missed").add(new JsonObject().put("indicator", indicator).put("target", target).put("actual", value));
      }
    }
  }

  static boolean isIndicator(String indicator) {
    return KINDS.containsKey(indicator);
  }

  /** A share (a fraction from 0 to 1, shown as a percentage). */
  static boolean isShare(String indicator) {
    Kind kind = KINDS.get(indicator);
    return kind.min() == 0 && kind.max() == 1;
  }

  static boolean higherIsBetter(String indicator) {
    return KINDS.get(indicator).higherIsBetter();
  }

  static Boolean meets(String indicator, Object actual, Double target) {
    return actual instanceof Number n && target != null ? KINDS.get(indicator).meets(n.doubleValue(), target) : null;
  }

  /** How an indicator moved from one figure to the next: BETTER, WORSE or SAME; null without both figures. */
  static String movement(String indicator, Object before, Object now) {
    if (!(before instanceof Number b) || !(now instanceof Number n)) {
      return null;
    }
    int change = Double.compare(KINDS.get(indicator).badness(b.doubleValue()), KINDS.get(indicator).badness(n.doubleValue()));
    return change > 0 ? "BETTER" : change < 0 ? "WORSE" : "SAME";
  }

  private static double number(Object value, double otherwise) {
    return value instanceof Number n ? n.doubleValue() : otherwise;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
