package hallq.quality;

import hallq.DomainException;
import hallq.db.PgCorrectiveActionRepository;
import hallq.db.PgCorrectiveActionRepository.CorrectiveAction;
import hallq.queue.HallClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A manager records, for a 未达标项 in a period (a window's or the whole hall's), its root cause, the
 * corrective action (纠正措施), who carries it out and by when. Only a target missed so far can have
 * one; recording it again replaces it.
 */
public final class CorrectiveActions {
  private final Pool pool;
  private final HallClock clock;
  private final KpiBoard kpi;
  private final PgCorrectiveActionRepository actions;

  public CorrectiveActions(Pool pool, String hallId, HallClock clock, KpiBoard kpi) {
    this.pool = pool;
    this.clock = clock;
    this.kpi = kpi;
    this.actions = new PgCorrectiveActionRepository(hallId);
  }

  /** {@code counterNo} null: the whole hall's 未达标项. */
  public Future<JsonObject> record(String periodText, Integer counterNo, String indicator, JsonObject body, String by) {
    KpiPeriod period = KpiPeriod.parse(periodText);
    if (!KpiBoard.isIndicator(indicator)) {
      throw DomainException.invalid("indicator", "no such indicator: '" + indicator + "'");
    }
    LocalDate due = dueDate(body.getString("dueDate"), period);
    CorrectiveAction action = new CorrectiveAction(counterNo, indicator, text(body, "rootCause"), text(body, "action"),
        text(body, "owner"), due, by, clock.now());
    Future<Boolean> missed = counterNo == null
        ? kpi.hallMisses(period, indicator)
        : kpi.evaluation(period).map(evaluation -> missedBy(evaluation, counterNo, indicator));
    return missed.compose(yes -> {
      if (!yes) {
        String who = counterNo == null ? "the hall" : "window " + counterNo;
        return Future.failedFuture(DomainException.conflict("NOT_A_MISSED_ITEM",
            who + " has no 未达标项 '" + indicator + "' in " + period.name() + "; a corrective action is for a missed target"));
      }
      return pool.withTransaction(sql -> actions.record(sql, period.name(), action)).map(v -> action.toJson().put("period", period.name()));
    });
  }

  private static boolean missedBy(KpiBoard.Evaluation evaluation, int counterNo, String indicator) {
    for (Object each : evaluation.windows()) {
      JsonObject window = (JsonObject) each;
      if (window.getInteger("counterNo") == counterNo) {
        return window.getJsonArray("missed").stream().anyMatch(m -> indicator.equals(((JsonObject) m).getString("indicator")));
      }
    }
    return false;
  }

  private static String text(JsonObject body, String field) {
    String value = body.getString(field);
    if (value == null || value.isBlank()) {
      throw DomainException.invalid(field, "must not be empty");
    }
    return value.strip();
  }

  private static LocalDate dueDate(String text, KpiPeriod period) {
    LocalDate due;
    try {
      due = LocalDate.parse(text == null ? "" : text);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid("dueDate", "must be a date like 2026-12-31");
    }
    if (due.isBefore(period.first())) {
      throw DomainException.invalid("dueDate", "must not be before the period's first day " + period.first());
    }
    return due;
  }
}
