package hallq.quality;

import hallq.config.HallqConfig;
import hallq.db.PgCorrectiveActionRepository;
import hallq.db.PgCorrectiveActionRepository.CorrectiveAction;
import hallq.queue.HallClock;
import hallq.report.ReportGrouping;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The monthly or quarterly review report (窗口评价报告) a hall files: the hall's KPI targets against the
 * period's figures and the period before's; every window's figures and ranks; each 未达标项 with the
 * figure before, its breakdown (a window's by hour, service and clerk; the hall's by window) and the
 * 纠正措施 recorded for it; the last period's corrective actions with how their indicator moved since;
 * and the 服务一致性 of each service's clerks.
 */
public final class ReviewReport {
  /** Where one window's missed item is broken down, to find its cause. */
  static final List<ReportGrouping> WINDOW_BREAKDOWN = List.of(ReportGrouping.HOUR, ReportGrouping.SERVICE, ReportGrouping.CLERK);

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final IndicatorService indicators;
  private final KpiBoard kpi;
  private final Consistency consistency;
  private final PgCorrectiveActionRepository actions;

  public ReviewReport(Pool pool, HallqConfig config, HallClock clock, IndicatorService indicators, KpiBoard kpi, Consistency consistency) {
    String hallId = config.hall().id();
    this.config = config;
    this.pool = pool;
    this.clock = clock;
    this.indicators = indicators;
    this.kpi = kpi;
    this.consistency = consistency;
    this.actions = new PgCorrectiveActionRepository(hallId);
  }

  /** What the report is made from, read before it is put together. */
  private record Inputs(KpiBoard.Evaluation evaluation, Map<String, Double> targets, Map<String, Double> previousTargets,
      JsonObject total, JsonObject previousTotal, List<CorrectiveAction> actions, List<CorrectiveAction> previousActions,
      JsonObject consistency) {}

  public Future<JsonObject> of(String periodText) {
    KpiPeriod period = KpiPeriod.parse(periodText);
    KpiPeriod previous = period.previous();
    LocalDate today = clock.today();
    LocalDate asOf = period.lastSoFar(today);
    Future<KpiBoard.Evaluation> evaluation = kpi.evaluation(period);
    Future<List<JsonObject>> totals = indicators.totals(List.of(
        new IndicatorService.Days(period.first(), asOf), new IndicatorService.Days(previous.first(), previous.lastSoFar(today))));
    // The targets come with the evaluation, which ranked the windows by them.
    Future<CompositeFuture> recorded = pool.withConnection(sql -> Future.all(actions.ofPeriod(sql, period.name()),
        actions.ofPeriod(sql, previous.name())));
    Future<JsonObject> spread = period.first().isAfter(today)
        ? Future.succeededFuture(new JsonObject().put("services", new JsonArray()))
        : consistency.of(period.first(), asOf);
    return Future.all(evaluation, totals, recorded, spread).compose(all -> {
      CompositeFuture read = recorded.result();
      KpiBoard.Evaluation evaluated = evaluation.result();
      Inputs inputs = new Inputs(evaluated, evaluated.targets(), evaluated.previousTargets(), totals.result().get(0),
          totals.result().get(1), read.resultAt(0), read.resultAt(1), spread.result());
      List<Integer> missing = windowsWithMissedItems(inputs.evaluation().windows());
      return (missing.isEmpty() || period.first().isAfter(today)
          ? Future.succeededFuture(Map.<Integer, Map<ReportGrouping, Map<String, JsonObject>>>of())
          : indicators.breakdowns(period.first(), asOf, missing, WINDOW_BREAKDOWN))
          .map(breakdowns -> report(period, asOf, inputs, breakdowns));
    });
  }

  private JsonObject report(KpiPeriod period, LocalDate asOf, Inputs in, Map<Integer, Map<ReportGrouping, Map<String, JsonObject>>> breakdowns) {
    JsonArray windows = in.evaluation().windows();
    Map<Integer, JsonObject> before = byCounter(in.evaluation().previousWindows());
    JsonArray missed = new JsonArray();
    JsonArray hall = new JsonArray();
    in.targets().forEach((indicator, target) -> {
      Object actual = in.total().getValue(indicator);
      Object previousActual = in.previousTotal().getValue(indicator);
      Boolean met = KpiBoard.meets(indicator, actual, target);
      hall.add(item(indicator, target, actual, previousActual).put("met", met));
      if (Boolean.FALSE.equals(met)) {
        missed.add(item(indicator, target, actual, previousActual).putNull("counterNo")
            .put("breakdown", new JsonArray().add(dimension(ReportGrouping.COUNTER, indicator, windowFigures(windows))))
            .put("action", actionFor(in.actions(), null, indicator)));
      }
    });
    JsonArray evaluated = new JsonArray();
    for (Object each : windows) {
      JsonObject window = (JsonObject) each;
      int counterNo = window.getInteger("counterNo");
      JsonObject figures = window.getJsonObject("indicators");
      JsonObject then = before.get(counterNo);
      evaluated.add(new JsonObject()
          .put("counterNo", counterNo)
          .put("rank", window.getInteger("rank"))
          .put("lastTwice", window.getBoolean("lastTwice"))
          .put("finished", figures.getLong("finished"))
          .put("weightedScore", shown("weightedScore", figures.getValue("weightedScore")))
          .put("missedCount", window.getJsonArray("missed").size())
          .put("figures", figuresWithRanks(in.targets().keySet(), figures, window.getJsonObject("ranks"))));
      for (Object m : window.getJsonArray("missed")) {
        String indicator = ((JsonObject) m).getString("indicator");
        JsonArray breakdown = new JsonArray();
        breakdowns.getOrDefault(counterNo, Map.of()).forEach((by, rows) -> breakdown.add(named(dimension(by, indicator, rows))));
        missed.add(item(indicator, in.targets().get(indicator), figures.getValue(indicator),
                then == null ? null : then.getJsonObject("indicators").getValue(indicator))
            .put("counterNo", counterNo)
            .put("breakdown", breakdown)
            .put("action", actionFor(in.actions(), counterNo, indicator)));
      }
    }
    return new JsonObject()
        .put("period", period.name())
        .put("previous", in.evaluation().previous().name())
        .put("from", period.first().toString())
        .put("to", period.last().toString())
        .put("asOf", asOf.toString())
        .put("generatedAt", clock.now().toString())
        .put("hall", hall)
        .put("windows", evaluated)
        .put("missed", missed)
        .put("followUp", followUp(in, windows, before))
        .put("consistency", consistencyOf(in.consistency().getJsonArray("services")));
  }

  /** A service's groups get the service's names, as the page and the workbook show them. */
  private JsonObject named(JsonObject dimension) {
    if (dimension.getString("by").equals("service")) {
      named(dimension.getJsonArray("groups"), "key");
    }
    return dimension;
  }

  /** The consistency of each service, its spreads rounded as printed. */
  private JsonArray consistencyOf(JsonArray services) {
    for (Object each : named(services, "serviceCode")) {
      for (String spread : List.of("handling", "satisfaction")) {
        JsonObject figures = ((JsonObject) each).getJsonObject(spread);
        List.copyOf(figures.fieldNames()).forEach(field -> figures.put(field, shown("csat", figures.getValue(field))));
      }
    }
    return services;
  }

  private JsonArray named(JsonArray services, String codeField) {
    for (Object each : services) {
      JsonObject service = (JsonObject) each;
      config.serviceType(service.getString(codeField))
          .ifPresent(type -> service.put("name", type.name()).put("nameEn", type.nameEn()));
    }
    return services;
  }

  private static JsonObject item(String indicator, Double target, Object actual, Object previousActual) {
    return new JsonObject()
        .put("indicator", indicator)
        .put("higherIsBetter", KpiBoard.higherIsBetter(indicator))
        .put("target", target)
        .put("actual", shown(indicator, actual))
        .put("previousActual", shown(indicator, previousActual))
        .put("moved", KpiBoard.movement(indicator, previousActual, actual));
  }

  /** The last period's corrective actions: the figure then, the figure now, and whether the target is met now. */
  private static JsonArray followUp(Inputs in, JsonArray windows, Map<Integer, JsonObject> before) {
    Map<Integer, JsonObject> now = byCounter(windows);
    JsonArray followUp = new JsonArray();
    for (CorrectiveAction action : in.previousActions()) {
      String indicator = action.indicator();
      boolean hall = action.counterNo() == null;
      Object then = hall ? in.previousTotal().getValue(indicator) : figure(before.get(action.counterNo()), indicator);
      Object actual = hall ? in.total().getValue(indicator) : figure(now.get(action.counterNo()), indicator);
      Double target = in.targets().getOrDefault(indicator, in.previousTargets().get(indicator));
      followUp.add(action.toJson()
          .put("previousTarget", in.previousTargets().get(indicator))
          .put("previousActual", shown(indicator, then))
          .put("target", target)
          .put("actual", shown(indicator, actual))
          .put("met", KpiBoard.meets(indicator, actual, target))
          .put("moved", KpiBoard.movement(indicator, then, actual)));
    }
    return followUp;
  }

  private static Object figure(JsonObject window, String indicator) {
    return window == null ? null : window.getJsonObject("indicators").getValue(indicator);
  }

  private static JsonObject actionFor(List<CorrectiveAction> actions, Integer counterNo, String indicator) {
    return actions.stream().filter(a -> Objects.equals(a.counterNo(), counterNo) && a.indicator().equals(indicator)).findFirst()
        .map(CorrectiveAction::toJson).orElse(null);
  }

  private static List<Integer> windowsWithMissedItems(JsonArray windows) {
    List<Integer> missing = new ArrayList<>();
    for (Object each : windows) {
      JsonObject window = (JsonObject) each;
      if (!window.getJsonArray("missed").isEmpty()) {
        missing.add(window.getInteger("counterNo"));
      }
    }
    return missing;
  }

  private static Map<Integer, JsonObject> byCounter(JsonArray windows) {
    Map<Integer, JsonObject> byCounter = new HashMap<>();
    windows.forEach(w -> byCounter.put(((JsonObject) w).getInteger("counterNo"), (JsonObject) w));
    return byCounter;
  }

  private static Map<String, JsonObject> windowFigures(JsonArray windows) {
    Map<String, JsonObject> figures = new LinkedHashMap<>();
    windows.forEach(w -> figures.put(((JsonObject) w).getString("key"), ((JsonObject) w).getJsonObject("indicators")));
    return figures;
  }

  /** A window's figure and rank on each indicator with a target. */
  private static JsonObject figuresWithRanks(Iterable<String> indicators, JsonObject figures, JsonObject ranks) {
    JsonObject each = new JsonObject();
    for (String indicator : indicators) {
      each.put(indicator, new JsonObject().put("value", shown(indicator, figures.getValue(indicator))).put("rank", ranks.getValue(indicator)));
    }
    return each;
  }

  /**
   * A figure as the report prints it: shares to a tenth of a percent, scores to two decimals, counts
   * whole. The report's page and workbook show the same rounded number; ranks and movements are
   * decided on the exact figures.
   */
  static Object shown(String indicator, Object value) {
    if (!(value instanceof Number number) || value instanceof Long || value instanceof Integer) {
      return value;
    }
    int places = KpiBoard.isShare(indicator) ? 3 : 2;
    return BigDecimal.valueOf(number.doubleValue()).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }

  /** One indicator by one grouping: the groups with a figure, worst first (ties by key), each with its finished tickets. */
  static JsonObject dimension(ReportGrouping by, String indicator, Map<String, JsonObject> rows) {
    List<JsonObject> groups = new ArrayList<>();
    rows.forEach((key, figures) -> {
      if (figures.getValue(indicator) instanceof Number value) {
        groups.add(new JsonObject().put("key", key).put("value", shown(indicator, value)).put("finished", figures.getLong("finished")));
      }
    });
    boolean higher = KpiBoard.higherIsBetter(indicator);
    Comparator<JsonObject> worstFirst = Comparator.comparingDouble(g -> (higher ? 1 : -1) * ((Number) g.getValue("value")).doubleValue());
    groups.sort(worstFirst.thenComparing(g -> g.getString("key")));
    return new JsonObject().put("by", by.name().toLowerCase()).put("groups", new JsonArray(groups));
  }
}
