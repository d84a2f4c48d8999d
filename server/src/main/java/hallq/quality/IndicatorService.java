package hallq.quality;

import hallq.config.HallqConfig;
import hallq.db.PgIndicatorRepository;
import hallq.queue.HallClock;
import hallq.report.ReportGrouping;
import hallq.report.ReportService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
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
  private final PgIndicatorRepository.HandlingRules rules;

  public IndicatorService(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.clock = clock;
    this.zone = config.hall().timeZone();
    this.indicators = config.indicators();
    this.counts = new PgIndicatorRepository(config.hall().id());
    List<HallqConfig.Outcome> outcomes = config.outcomes();
    this.rules = new PgIndicatorRepository.HandlingRules(outcomes.get(0).code(),
        codes(outcomes, o -> Boolean.TRUE.equals(o.onceDone())), codes(outcomes, o -> Boolean.FALSE.equals(o.onceDone())),
        codes(outcomes, HallqConfig.Outcome::abnormal), indicators.recallLimit());
  }

  public Future<JsonObject> indicators(LocalDate from, LocalDate to, ReportGrouping by) {
    ReportService.requirePeriod(from, to);
    LocalDate today = clock.today();
    return pool.withConnection(sql -> counts.counts(sql, from, to, by, zone, today, rules)
        .compose(rows -> counts.counts(sql, from, to, ReportGrouping.ALL, zone, today, rules).map(total -> new JsonObject()
            .put("from", from.toString())
            .put("to", to.toString())
            .put("by", by.name().toLowerCase())
            .put("weights", new JsonArray(Arrays.stream(indicators.weights()).boxed().toList()))
            .put("defaultRatingsCount", indicators.defaultsCount())
            .put("rows", rowsOf(rows))
            .put("total", indicators.of(total.getOrDefault("all", IndicatorCounts.NONE))))));
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
