package hallq.report;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgReportRepository;
import hallq.queue.HallClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports for a date range: per service, counter, clerk or hour, and a total row — tickets issued,
 * served, no-shows and their rate, served late (延时服务: called at or after a closed day's closing time)
 * and closed unserved (闭厅未办理), average and 90th-percentile wait and handling time, the share
 * called within the service's target wait, ratings with the satisfaction rate (非常满意 + 满意) and
 * distribution, follow-up cases and the share closed on time, and per counter its utilisation: the share
 * of its working span each day (first call to last end) spent with a citizen (called to ended).
 *
 * <p>Figures come from daily roll-ups: a day is rolled up when a report first needs it and again
 * after anything of that day changes; today and yesterday are rolled up afresh for every report.
 * Averages are exact; percentiles are PostgreSQL's {@code percentile_cont} over the times in whole
 * minutes (a wait of 12 min 40 s counts as 12 minutes).
 */
public final class ReportService {
  /** The longest range one report covers. */
  static final int MAX_DAYS = 366;

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgReportRepository reports;

  public ReportService(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.reports = new PgReportRepository(config.hall().id());
  }

  public Future<JsonObject> report(LocalDate from, LocalDate to, ReportGrouping by) {
    boolean perCounter = by == ReportGrouping.COUNTER;
    requirePeriod(from, to);
    return rollUp(from, to).compose(v -> pool.withConnection(sql -> rows(sql, by, from, to)
        .map(rows -> rows.stream().map(row -> perCounter ? withUtilisation(row) : withoutSpans(row)).toList())
        .compose(rows -> rows(sql, ReportGrouping.ALL, from, to).map(total -> new JsonObject()
            .put("from", from.toString())
            .put("to", to.toString())
            .put("by", by.name().toLowerCase())
            .put("rows", new JsonArray(rows))
            .put("total", withoutSpans(total.isEmpty() ? figures(empty("all"), Map.of()) : total.get(0)))))));
  }

  /** A period a report (or the indicators) may cover: from..to, both included, at most {@link #MAX_DAYS}. */
  public static void requirePeriod(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw DomainException.invalid("to", "must not be before from (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw DomainException.invalid("to", "a report covers at most " + MAX_DAYS + " days");
    }
  }

  /** How far back the background roll-up reaches. */
  static final int BACKGROUND_DAYS = 400;

  /**
   * Rolls up the settled days of the last {@link #BACKGROUND_DAYS} that need it, so that a manager's
   * first report after a restart or a busy day does not wait for them.
   */
  public Future<Void> rollUpSettledDays() {
    LocalDate today = clock.today();
    return pool.withConnection(sql -> reports.daysWithTicketsToRoll(sql, today.minusDays(BACKGROUND_DAYS), today.minusDays(2)))
        .compose(this::rollUp);
  }

  /** Rolls up the days of the range that need it, one transaction each. */
  public Future<Void> rollUp(LocalDate from, LocalDate to) {
    return pool.withConnection(sql -> reports.daysToRoll(sql, from, to)).compose(this::rollUp);
  }

  private Future<Void> rollUp(List<LocalDate> days) {
    LocalDate settledBefore = clock.today().minusDays(1);
    Future<Void> chain = Future.succeededFuture();
    for (LocalDate day : days) {
      chain = chain.compose(v -> pool.withTransaction(sql -> reports.rollUp(sql, day, config.hall().timeZone(), day.isBefore(settledBefore))));
    }
    return chain;
  }

  private Future<List<JsonObject>> rows(io.vertx.sqlclient.SqlConnection sql, ReportGrouping by, LocalDate from, LocalDate to) {
    return reports.figures(sql, by.name(), from, to)
        .compose(figures -> reports.histograms(sql, by.name(), from, to).map(histograms -> {
          Map<String, Map<String, List<long[]>>> byKey = new LinkedHashMap<>();
          for (JsonObject h : histograms) {
            byKey.computeIfAbsent(h.getString("key"), k -> new LinkedHashMap<>())
                .computeIfAbsent(h.getString("metric"), m -> new ArrayList<>())
                .add(new long[] {h.getInteger("minute"), h.getLong("n")});
          }
          List<JsonObject> rows = new ArrayList<>();
          figures.forEach(f -> rows.add(figures(f, byKey.getOrDefault(f.getString("key"), Map.of()))));
          return rows;
        }));
  }

  private static JsonObject figures(JsonObject f, Map<String, List<long[]>> histograms) {
    long served = f.getLong("served");
    long noShow = f.getLong("no_show");
    long called = f.getLong("called");
    long ratings = f.getLong("ratings");
    return new JsonObject()
        .put("key", f.getString("key"))
        .put("issued", f.getLong("issued"))
        .put("served", served)
        .put("noShow", noShow)
        .put("noShowPercent", percent(noShow, noShow + served))
        .put("cancelled", f.getLong("cancelled"))
        .put("servedLate", f.getLong("served_late"))
        .put("closedUnserved", f.getLong("closed_unserved"))
        .put("avgWaitSeconds", called == 0 ? null : round(f.getDouble("sum_wait") / called))
        .put("p90WaitSeconds", MinuteHistogram.percentileSeconds(histograms.get("WAIT"), 0.9))
        .put("avgServiceSeconds", served == 0 ? null : round(f.getDouble("sum_service") / served))
        .put("p90ServiceSeconds", MinuteHistogram.percentileSeconds(histograms.get("SERVICE"), 0.9))
        .put("withinTargetPercent", percent(f.getLong("within_target"), called))
        .put("ratings", ratings)
        .put("satisfactionPercent", percent(f.getLong("satisfied"), ratings))
        .put("scores", new JsonObject().put("1", f.getLong("s1")).put("2", f.getLong("s2")).put("3", f.getLong("s3"))
            .put("4", f.getLong("s4")).put("5", f.getLong("s5")))
        .put("followUps", f.getLong("follow_ups"))
        .put("followUpsOnTimePercent", percent(f.getLong("on_time"), f.getLong("follow_ups")))
        .put("busySeconds", f.getDouble("busy_seconds"))
        .put("spanSeconds", f.getDouble("span_seconds"));
  }

  /** Meaningful per counter only: the other groupings mix counters. */
  private static JsonObject withUtilisation(JsonObject row) {
    double span = (Double) row.remove("spanSeconds");
    double busy = (Double) row.remove("busySeconds");
    return row.put("utilisationPercent", span == 0 ? null : Math.round(1000.0 * busy / span) / 10.0);
  }

  private static JsonObject withoutSpans(JsonObject row) {
    row.remove("spanSeconds");
    row.remove("busySeconds");
    return row;
  }

  private static JsonObject empty(String key) {
    JsonObject zero = new JsonObject().put("key", key).put("sum_wait", 0.0).put("sum_service", 0.0).put("busy_seconds", 0.0)
        .put("span_seconds", 0.0);
    for (String column : PgReportRepository.COUNTS) {
      zero.put(column, 0L);
    }
    return zero;
  }

  /** One decimal, null when there is nothing to divide. */
  static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }

  private static Double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
