package hallq.report;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.db.PgClosingRuleRepository;
import hallq.db.PgDayCloseRepository;
import hallq.db.PgDayCloseRepository.DayClose;
import hallq.db.PgDayCloseRepository.ServiceDay;
import hallq.db.PgStandardsRepository;
import hallq.queue.CloseOfDay;
import hallq.queue.ClosingRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;

/**
 * A service day for the manager (日终汇总): per service the tickets issued, served, served late (延时服务:
 * called at or after closing), closed unserved (闭厅未办理), no-shows and cancelled, the average and longest
 * wait, its last issue time (the rule) and when its last ticket was issued and finished, with the
 * service's closing rule; and the day's closing time and when it was closed. The closing time is the one
 * recorded when the day was closed, else today's opening hours' for that day.
 */
public final class DaySummaries {
  private final Pool pool;
  private final HallqConfig config;
  private final PgStandardsRepository standards;
  private final PgDayCloseRepository days;
  private final PgClosingRuleRepository closingRules;

  public DaySummaries(Pool pool, HallqConfig config) {
    String hallId = config.hall().id();
    this.pool = pool;
    this.config = config;
    this.standards = new PgStandardsRepository(hallId);
    this.days = new PgDayCloseRepository(hallId);
    this.closingRules = new PgClosingRuleRepository(hallId);
  }

  public Future<JsonObject> summary(LocalDate day) {
    return pool.withConnection(sql -> {
      var hours = standards.openingHours(sql);
      var current = standards.standards(sql);
      var closed = days.find(sql, day);
      var rules = closingRules.byService(sql);
      return Future.all(hours, current, closed, rules).compose(read -> {
        Optional<LocalTime> closing = hours.result().closingOn(day);
        Instant closesAt = closed.result().map(DayClose::closesAt)
            .orElseGet(() -> CloseOfDay.closesAt(hours.result(), day, config.hall().timeZone()).orElse(null));
        return days.figures(sql, day, closesAt).map(figures -> new JsonObject()
            .put("date", day.toString())
            .put("closingTime", closing.map(LocalTime::toString).orElse(null))
            .put("closesAt", closesAt == null ? null : closesAt.toString())
            .put("closedAt", closed.result().map(c -> c.closedAt().toString()).orElse(null))
            .put("services", services(figures, rules.result(), closing, current.result())));
      });
    });
  }

  private JsonArray services(Map<String, ServiceDay> figures, Map<String, ClosingRule> rules, Optional<LocalTime> closing,
      Map<String, PgStandardsRepository.Current> current) {
    JsonArray services = new JsonArray();
    for (ServiceTypeConfig service : config.serviceTypes()) {
      var standard = current.get(service.code());
      String lastIssueTime = standard == null ? null
          : closing.map(time -> time.minusMinutes(standard.standard().lastIssueMinutesBeforeClose()).toString()).orElse(null);
      services.add(figures.getOrDefault(service.code(), ServiceDay.none(service.code())).toJson()
          .put("name", service.name())
          .put("nameEn", service.nameEn())
          .put("closingRule", rules.getOrDefault(service.code(), ClosingRule.SERVE_LATE).toJson())
          .put("lastIssueTime", lastIssueTime));
    }
    return services;
  }
}
