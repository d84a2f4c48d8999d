package hallq.report;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgReportRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports for a date range: per service, counter, clerk or hour, and a total row — tickets issued,
 * served, no-shows and their rate, average and 90th-percentile wait and handling time, the share
 * called within the service's target wait, ratings with the satisfaction rate (非常满意 + 满意) and
 * distribution, follow-up cases and the share closed on time.
 */
public final class ReportService {
  /** The longest range one report covers. */
  static final int MAX_DAYS = 366;

  private final Pool pool;
  private final HallqConfig config;
  private final PgReportRepository reports;

  public ReportService(Pool pool, HallqConfig config) {
    this.pool = pool;
    this.config = config;
    this.reports = new PgReportRepository(config.hall().id());
  }

  public Future<JsonObject> report(LocalDate from, LocalDate to, ReportGrouping by) {
    if (to.isBefore(from)) {
      throw DomainException.invalid("to", "must not be before from (" + from + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw DomainException.invalid("to", "a report covers at most " + MAX_DAYS + " days");
    }
    return pool.withConnection(sql -> rows(sql, by, from, to)
        .compose(rows -> rows(sql, ReportGrouping.ALL, from, to).map(total -> new JsonObject()
            .put("from", from.toString())
            .put("to", to.toString())
            .put("by", by.name().toLowerCase())
            .put("rows", new JsonArray(rows))
            .put("total", total.isEmpty() ? empty("all") : total.get(0)))));
  }

  private Future<List<JsonObject>> rows(io.vertx.sqlclient.SqlConnection sql, ReportGrouping by, LocalDate from, LocalDate to) {
    var zone = config.hall().timeZone();
    return reports.tickets(sql, by.keyExpression(), from, to, zone)
        .compose(tickets -> reports.ratings(sql, by.keyExpression(), from, to, zone).map(ratings -> {
          Map<String, JsonObject> merged = new LinkedHashMap<>();
          tickets.forEach(t -> merged.put(t.getString("key"), figures(t)));
          ratings.forEach(r -> merged.computeIfAbsent(r.getString("key"), ReportService::empty).mergeIn(satisfaction(r)));
          merged.values().stream().filter(row -> !row.containsKey("ratings")).forEach(row -> row.mergeIn(satisfaction(new JsonObject())));
          return List.copyOf(merged.values());
        }));
  }

  private static JsonObject figures(JsonObject t) {
    long called = t.getLong("called");
    return new JsonObject()
        .put("key", t.getString("key"))
        .put("issued", t.getLong("issued"))
        .put("served", t.getLong("served"))
        .put("noShow", t.getLong("noShow"))
        .put("noShowPercent", percent(t.getLong("noShow"), t.getLong("noShow") + t.getLong("served")))
        .put("cancelled", t.getLong("cancelled"))
        .put("avgWaitSeconds", round(t.getDouble("avgWait")))
        .put("p90WaitSeconds", round(t.getDouble("p90Wait")))
        .put("avgServiceSeconds", round(t.getDouble("avgService")))
        .put("p90ServiceSeconds", round(t.getDouble("p90Service")))
        .put("withinTargetPercent", percent(t.getLong("withinTarget"), called));
  }

  private static JsonObject satisfaction(JsonObject r) {
    long ratings = r.getLong("ratings", 0L);
    return new JsonObject()
        .put("ratings", ratings)
        .put("satisfactionPercent", percent(r.getLong("satisfied", 0L), ratings))
        .put("scores", r.getJsonObject("scores", new JsonObject().put("1", 0L).put("2", 0L).put("3", 0L).put("4", 0L).put("5", 0L)))
        .put("followUps", r.getLong("followUps", 0L))
        .put("followUpsOnTimePercent", percent(r.getLong("followUpsOnTime", 0L), r.getLong("followUps", 0L)));
  }

  private static JsonObject empty(String key) {
    return figures(new JsonObject().put("key", key).put("issued", 0L).put("served", 0L).put("noShow", 0L).put("cancelled", 0L)
        .put("called", 0L).put("withinTarget", 0L));
  }

  /** One decimal, null when there is nothing to divide. */
  static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }

  private static Double round(Double seconds) {
    return seconds == null ? null : Math.round(seconds * 10) / 10.0;
  }
}
