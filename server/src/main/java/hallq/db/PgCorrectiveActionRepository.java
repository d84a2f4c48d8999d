package hallq.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 纠正措施 recorded for the 未达标项 of a period, one per window (or the whole hall) and indicator. */
public final class PgCorrectiveActionRepository {
  private static final String RECORD = """
      INSERT INTO corrective_action (hall_id, period, counter_no, indicator, root_cause, action, owner, due_date, recorded_by, recorded_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (hall_id, period, counter_no, indicator) DO UPDATE SET root_cause = EXCLUDED.root_cause,
        action = EXCLUDED.action, owner = EXCLUDED.owner, due_date = EXCLUDED.due_date,
        recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at""";
  private static final String OF_PERIOD = """
      SELECT counter_no, indicator, root_cause, action, owner, due_date, recorded_by, recorded_at
      FROM corrective_action WHERE hall_id = $1 AND period = $2 ORDER BY counter_no, indicator""";

  /** The hall's own 未达标项 are stored under window 0. */
  private static final int HALL = 0;

  /** What a manager records for one 未达标项: a window's ({@code counterNo}) or the whole hall's (null). */
  public record CorrectiveAction(Integer counterNo, String indicator, String rootCause, String action, String owner,
      LocalDate dueDate, String recordedBy, Instant recordedAt) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("counterNo", counterNo)
          .put("indicator", indicator)
          .put("rootCause", rootCause)
          .put("action", action)
          .put("owner", owner)
          .put("dueDate", dueDate.toString())
          .put("recordedBy", recordedBy)
          .put("recordedAt", recordedAt.toString());
    }
  }

  private final String hallId;

  public PgCorrectiveActionRepository(String hallId) {
    this.hallId = hallId;
  }

  public Future<Void> record(SqlClient sql, String period, CorrectiveAction given) {
    return sql.preparedQuery(RECORD).execute(Tuple.from(List.of(hallId, period, given.counterNo() == null ? HALL : given.counterNo(), given.indicator(), given.rootCause(),
        given.action(), given.owner(), given.dueDate(), given.recordedBy(), PgTicketRepository.time(given.recordedAt())))).mapEmpty();
  }

  /** The period's actions, by window, then indicator. */
  public Future<List<CorrectiveAction>> ofPeriod(SqlClient sql, String period) {
    return sql.preparedQuery(OF_PERIOD).execute(Tuple.of(hallId, period)).map(rows -> {
      List<CorrectiveAction> actions = new ArrayList<>();
      for (Row row : rows) {
        int counterNo = row.getInteger("counter_no");
        actions.add(new CorrectiveAction(counterNo == HALL ? null : counterNo, row.getString("indicator"), row.getString("root_cause"),
            row.getString("action"), row.getString("owner"), row.getLocalDate("due_date"), row.getString("recorded_by"),
            row.getOffsetDateTime("recorded_at").toInstant()));
      }
      return actions;
    });
  }
}
