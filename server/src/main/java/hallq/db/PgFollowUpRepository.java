package hallq.db;

import hallq.rating.FollowUpStep;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** 差评整改 cases and their actions. */
public final class PgFollowUpRepository {

  /** A case as stored; {@code ledger} holds what its steps recorded (finding, plan, owner, planDue, reached, satisfied, comment). */
  public record Case(long id, UUID ticketId, String number, String serviceCode, Integer counterNo, String clerk, int score,
      Instant openedAt, LocalDate deadline, FollowUpStep step, String appeal, Instant closedAt, JsonObject ledger, int reopened) {

    public boolean overdue(LocalDate today) {
      return step != FollowUpStep.CLOSED && today.isAfter(deadline);
    }
  }

  private static final String COLUMNS =
      "id, ticket_id, number, service_code, counter_no, clerk, score, opened_at, deadline, step, appeal, closed_at, ledger, reopened";

  private static final String OPEN = """
      INSERT INTO follow_up_case (hall_id, ticket_id, number, service_code, counter_no, clerk, score, opened_at, deadline, step)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'VERIFY')""";

  private static final String LIST = "SELECT " + COLUMNS + " FROM follow_up_case WHERE hall_id = $1"
      + " AND (step <> 'CLOSED' OR opened_at >= $2) ORDER BY deadline, id LIMIT 500";

  private static final String LOCK = "SELECT " + COLUMNS + " FROM follow_up_case WHERE hall_id = $1 AND id = $2 FOR UPDATE";

  private static final String UPDATE =
      "UPDATE follow_up_case SET step = $3, appeal = $4, closed_at = $5, ledger = $6, reopened = $7 WHERE hall_id = $1 AND id = $2";

  private static final String ADD_ACTION =
      "INSERT INTO follow_up_action (case_id, action, note, done_by, done_at, satisfied) VALUES ($1, $2, $3, $4, $5, $6)";

  private static final String ACTIONS = "SELECT case_id, action, note, done_by, done_at, satisfied FROM follow_up_action WHERE case_id = ANY($1) ORDER BY id";

  private static final String EXCLUDE_RATING = "UPDATE rating SET excluded = true WHERE hall_id = $1 AND ticket_id = $2";

  private final String hallId;

  public PgFollowUpRepository(String hallId) {
    this.hallId = hallId;
  }

  public Future<Void> open(SqlClient sql, UUID ticketId, String number, String serviceCode, Integer counterNo, String clerk,
      int score, Instant at, LocalDate deadline) {
    Tuple params = Tuple.of(hallId, ticketId, number, serviceCode, counterNo, clerk, score, PgTicketRepository.time(at))
        .addLocalDate(deadline);
    return sql.preparedQuery(OPEN).execute(params).mapEmpty();
  }

  /** Cases still open, and those opened since {@code since}; soonest deadline first. */
  public Future<List<Case>> list(SqlClient sql, Instant since) {
    return sql.preparedQuery(LIST).execute(Tuple.of(hallId, PgTicketRepository.time(since))).map(PgFollowUpRepository::cases);
  }

  public Future<Optional<Case>> lock(SqlClient sql, long id) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, id)).map(rows -> cases(rows).stream().findFirst());
  }

  public Future<Void> update(SqlClient sql, Case c) {
    Tuple params = Tuple.of(hallId, c.id(), c.step().name(), c.appeal(), c.closedAt() == null ? null : PgTicketRepository.time(c.closedAt()),
        c.ledger()).addInteger(c.reopened());
    return sql.preparedQuery(UPDATE).execute(params).mapEmpty();
  }

  /** {@code satisfied}: a 回访's answer, whether the citizen was satisfied with the rectification; else null. */
  public Future<Void> addAction(SqlClient sql, long caseId, String action, String note, Boolean satisfied, String by, Instant at) {
    return sql.preparedQuery(ADD_ACTION).execute(Tuple.of(caseId, action, note, by, PgTicketRepository.time(at), satisfied)).mapEmpty();
  }

  /** Each case's actions, oldest first, keyed by case id. */
  public Future<java.util.Map<Long, JsonArray>> actions(SqlClient sql, List<Long> caseIds) {
    return sql.preparedQuery(ACTIONS).execute(Tuple.of(caseIds.toArray(Long[]::new))).map(rows -> {
      java.util.Map<Long, JsonArray> byCase = new java.util.HashMap<>();
      for (Row row : rows) {
        byCase.computeIfAbsent(row.getLong("case_id"), id -> new JsonArray()).add(new JsonObject()
            .put("action", row.getString("action"))
            .put("note", row.getString("note"))
            .put("satisfied", row.getBoolean("satisfied"))
            .put("by", row.getString("done_by"))
            .put("at", row.getOffsetDateTime("done_at").toInstant().toString()));
      }
      return byCase;
    });
  }

  /** An upheld appeal: the rating no longer counts in the indicators. */
  public Future<Void> excludeRating(SqlClient sql, UUID ticketId) {
    return sql.preparedQuery(EXCLUDE_RATING).execute(Tuple.of(hallId, ticketId)).mapEmpty();
  }

  private static List<Case> cases(Iterable<Row> rows) {
    List<Case> cases = new ArrayList<>();
    for (Row row : rows) {
      var closed = row.getOffsetDateTime("closed_at");
      cases.add(new Case(row.getLong("id"), row.getUUID("ticket_id"), row.getString("number"), row.getString("service_code"),
          row.getInteger("counter_no"), row.getString("clerk"), row.getInteger("score"),
          row.getOffsetDateTime("opened_at").toInstant(), row.getLocalDate("deadline"), FollowUpStep.valueOf(row.getString("step")),
          row.getString("appeal"), closed == null ? null : closed.toInstant(), (JsonObject) row.getValue("ledger"),
          row.getInteger("reopened")));
    }
    return cases;
  }
}
