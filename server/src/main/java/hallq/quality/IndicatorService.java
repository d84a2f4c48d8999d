package hallq.quality;

import hallq.config.HallqConfig;
import hallq.DomainException;
import hallq.db.PgIndicatorRecords;
import hallq.db.PgIndicatorRepository;
import hallq.db.PgStandardsRepository;
import hallq.queue.HallClock;
import hallq.report.ReportExport;
import hallq.report.ReportGrouping;
import hallq.report.ReportService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The 好差评 indicators for any period, per hall, service, window (counter), clerk or hour. */
public final class IndicatorService {
  private final Pool pool;
  private final HallClock clock;
  private final ZoneId zone;
  private final QualityIndicators indicators;
  private final PgIndicatorRepository counts;
  private final PgIndicatorRecords records;
  private final PgStandardsRepository standards;
  private final HallqConfig config;
  private final PgIndicatorRepository.HandlingRules rules;

  public IndicatorService(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.clock = clock;
    this.zone = config.hall().timeZone();
    this.indicators = config.indicators();
    this.counts = new PgIndicatorRepository(config.hall().id());
    this.records = new PgIndicatorRecords(config.hall().id());
    this.standards = new PgStandardsRepository(config.hall().id());
    this.config = config;
    List<HallqConfig.Outcome> outcomes = config.outcomes();
    this.rules = new PgIndicatorRepository.HandlingRules(outcomes.get(0).code(),
        codes(outcomes, o -> Boolean.TRUE.equals(o.onceDone())), codes(outcomes, o -> Boolean.FALSE.equals(o.onceDone())),
        codes(outcomes, HallqConfig.Outcome::abnormal), indicators.recallLimit());
  }

  public Future<JsonObject> indicators(LocalDate from, LocalDate to, ReportGrouping by) {
    return indicators(from, to, by, null);
  }

  /** The same for one window's tickets ({@code counterNo}; null: the whole hall): where a window's 未达标项 come from. */
  public Future<JsonObject> indicators(LocalDate from, LocalDate to, ReportGrouping by, Integer counterNo) {
    ReportService.requirePeriod(from, to);
    LocalDate today = clock.today();
    // Every ticket is in exactly one row of any grouping, so the total is the rows' sum: one query.
    return pool.withConnection(sql -> counts.counts(sql, from, to, by, zone, today, rules, counterNo)).map(rows -> new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("by", by.name().toLowerCase())
        .put("counterNo", counterNo)
        .put("weights", new JsonArray(Arrays.stream(indicators.weights()).boxed().toList()))
        .put("defaultRatingsCount", indicators.defaultsCount())
        .put("rows", rowsOf(rows))
        .put("total", indicators.of(rows.values().stream().reduce(IndicatorCounts.NONE, IndicatorCounts::plus))));
  }

  /** The indicators of each row of {@code by} over these service days (both included), by key. */
  public Future<Map<String, JsonObject>> rows(LocalDate from, LocalDate to, ReportGrouping by) {
    LocalDate today = clock.today();
    return pool.withConnection(sql -> counts.counts(sql, from, to, by, zone, today, rules)).map(this::keyed);
  }

  private Map<String, JsonObject> keyed(Map<String, IndicatorCounts> rows) {
    Map<String, JsonObject> byKey = new LinkedHashMap<>();
    rows.forEach((key, row) -> byKey.put(key, indicators.of(row)));
    return byKey;
  }

  /**
   * Each of these windows' indicators by each of these groupings over these service days, read on one
   * connection: counter → grouping → key → indicators.
   */
  public Future<Map<Integer, Map<ReportGrouping, Map<String, JsonObject>>>> breakdowns(LocalDate from, LocalDate to,
      List<Integer> counterNos, List<ReportGrouping> bys) {
    LocalDate today = clock.today();
    return pool.withConnection(sql -> {
      Map<Integer, Map<ReportGrouping, Map<String, JsonObject>>> all = new LinkedHashMap<>();
      List<Future<?>> reads = new ArrayList<>();
      for (Integer counterNo : counterNos) {
        Map<ReportGrouping, Map<String, JsonObject>> window = new LinkedHashMap<>();
        all.put(counterNo, window);
        for (ReportGrouping by : bys) {
          window.put(by, Map.of());
          reads.add(counts.counts(sql, from, to, by, zone, today, rules, counterNo).map(rows -> window.put(by, keyed(rows))));
        }
      }
      return Future.all(reads).map(done -> all);
    });
  }

  /** What the indicators of these service days are computed from, a record per ticket (see {@link PgIndicatorRecords}), as CSV. */
  public Future<byte[]> records(LocalDate from, LocalDate to) {
    ReportService.requirePeriod(from, to);
    return pool.withConnection(sql -> records.records(sql, from, to, zone))
        .map(rows -> ReportExport.csv(PgIndicatorRecords.COLUMNS, rows));
  }

  /** Some service days, both included. */
  public record Days(LocalDate from, LocalDate to) {}

  /**
   * The hall's indicators over each of these periods, in their order, read on one connection (the
   * queries pipelined) rather than one connection each; a period that has not begun has none.
   */
  public Future<List<JsonObject>> totals(List<Days> periods) {
    LocalDate today = clock.today();
    return pool.withConnection(sql -> {
      List<Future<JsonObject>> each = periods.stream()
          .map(days -> days.from().isAfter(today)
              ? Future.succeededFuture(new JsonObject())
              : counts.counts(sql, days.from(), days.to(), ReportGrouping.ALL, zone, today, rules)
                  .map(total -> indicators.of(total.getOrDefault("all", IndicatorCounts.NONE))))
          .toList();
      return Future.all(each).map(all -> each.stream().map(Future::result).toList());
    });
  }

  /**
   * Every version of a service's standard and, for each change, the service's indicators over the
   * {@code days} whole days before it and after it (the day of the change, half one and half the
   * other, in neither; the days after end today): did the new standard help?
   */
  public Future<JsonObject> standardVersions(String serviceCode, int days) {
    if (config.serviceType(serviceCode).isEmpty()) {
      throw DomainException.notFound("SERVICE_NOT_FOUND", "serviceCode: no service type '" + serviceCode + "'");
    }
    LocalDate today = clock.today();
    return pool.withConnection(sql -> standards.versions(sql, serviceCode).compose(versions -> {
      List<Future<JsonObject>> described = new ArrayList<>();
      for (PgStandardsRepository.Version version : versions) {
        JsonObject json = new JsonObject()
            .put("effectiveFrom", version.effectiveFrom() == null ? null : version.effectiveFrom().toString())
            .put("changedBy", version.changedBy())
            .put("standard", version.standard());
        if (version.effectiveFrom() == null) {
          described.add(Future.succeededFuture(json));
          continue;
        }
        LocalDate changed = version.effectiveFrom().atZone(zone).toLocalDate();
        LocalDate lastAfter = changed.plusDays(days).isAfter(today) ? today : changed.plusDays(days);
        described.add(Future.all(ofService(sql, serviceCode, changed.minusDays(days), changed.minusDays(1), today),
                ofService(sql, serviceCode, changed.plusDays(1), lastAfter, today))
            .map(both -> json.put("before", both.resultAt(0)).put("after", both.resultAt(1))));
      }
      return Future.all(described).map(all -> new JsonObject().put("serviceCode", serviceCode).put("days", days)
          .put("versions", new JsonArray(described.stream().map(Future::result).toList())));
    }));
  }

  private Future<JsonObject> ofService(SqlConnection sql, String serviceCode, LocalDate from, LocalDate to, LocalDate today) {
    JsonObject period = new JsonObject().put("from", from.toString()).put("to", to.toString());
    if (to.isBefore(from)) {
      return Future.succeededFuture(period.put("indicators", indicators.of(IndicatorCounts.NONE)));
    }
    return counts.counts(sql, from, to, ReportGrouping.SERVICE, zone, today, rules)
        .map(rows -> period.put("indicators", indicators.of(rows.getOrDefault(serviceCode, IndicatorCounts.NONE))));
  }

  private static List<String> codes(List<HallqConfig.Outcome> outcomes, Predicate<HallqConfig.Outcome> which) {
    return outcomes.stream().filter(which).map(HallqConfig.Outcome::code).toList();
  }

  private JsonArray rowsOf(Map<String, IndicatorCounts> rows) {
    JsonArray list = new JsonArray();
    rows.forEach((key, row) -> list.add(indicators.of(row).put("key", key)));
    return list;
  }
}
