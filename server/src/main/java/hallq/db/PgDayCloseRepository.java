package hallq.db;

import hallq.queue.Ticket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Closed service days ({@code day_close}), the tickets closed unserved at closing, and a day's figures per service. */
public final class PgDayCloseRepository {
  /** A day the job closed: its scheduled closing time and when the job closed it. */
  public record DayClose(Instant closesAt, Instant closedAt) {}

  /** One service's day: served late are finished tickets called at or after the closing time. */
  public record ServiceDay(String serviceCode, long issued, long served, long servedLate, long closedUnserved, long noShows,
      long cancelled, long stillOpen, Long averageWaitSeconds, Long longestWaitSeconds, Instant lastIssuedAt, Instant lastFinishedAt) {

    public static ServiceDay none(String serviceCode) {
      return new ServiceDay(serviceCode, 0, 0, 0, 0, 0, 0, 0, null, null, null, null);
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("serviceCode", serviceCode)
          .put("issued", issued)
          .put("served", served)
          .put("servedLate", servedLate)
          .put("closedUnserved", closedUnserved)
          .put("noShows", noShows)
          .put("cancelled", cancelled)
          .put("stillOpen", stillOpen)
          .put("averageWaitSeconds", averageWaitSeconds)
          .put("longestWaitSeconds", longestWaitSeconds)
          .put("lastIssuedAt", lastIssuedAt == null ? null : lastIssuedAt.toString())
          .put("lastFinishedAt", lastFinishedAt == null ? null : lastFinishedAt.toString());
    }
  }

  private static final String CLOSE = """
      INSERT INTO day_close (hall_id, service_day, closes_at, closed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, service_day) DO NOTHING""";

  private static final String FIND = "SELECT closes_at, closed_at FROM day_close WHERE hall_id = $1 AND service_day = $2";

  /**
   * The day's waiting tickets of CLOSE_UNSERVED services, or of every service once the day is over ($3). The
   * status is checked on the updated row itself, so that a ticket called or closed meanwhile (by a counter or
   * another server's job) is left alone once its lock is free.
   */
  private static final String CLOSE_WAITING = """
      UPDATE ticket t SET status = 'CLOSED_UNSERVED', ended_at = $4, closed_reason = coalesce(r.reason, $5)
      FROM ticket w LEFT JOIN service_closing_rule r ON r.hall_id = w.hall_id AND r.service_code = w.service_code
      WHERE t.id = w.id AND t.status = 'WAITING'
        AND w.hall_id = $1 AND w.service_day = $2 AND w.status = 'WAITING' AND (r.mode = 'CLOSE_UNSERVED' OR $3)
      RETURNING\s""" + PgTicketRepository.COLUMNS;

  private static final String FIGURES = """
      SELECT t.service_code,
        count(*) FILTER (WHERE t.transferred_from IS NULL) AS issued,
        count(*) FILTER (WHERE t.status = 'FINISHED') AS served,
        count(*) FILTER (WHERE t.status = 'FINISHED' AND t.called_at >= $3) AS served_late,
        count(*) FILTER (WHERE t.status = 'CLOSED_UNSERVED') AS closed_unserved,
        count(*) FILTER (WHERE t.status = 'NO_SHOW') AS no_shows,
        count(*) FILTER (WHERE t.status = 'CANCELLED') AS cancelled,
        count(*) FILTER (WHERE t.status IN ('WAITING', 'CALLED', 'SERVING')) AS still_open,
        round(avg(extract(epoch FROM t.called_at - t.queued_at)))::bigint AS average_wait_seconds,
        round(max(extract(epoch FROM t.called_at - t.queued_at)))::bigint AS longest_wait_seconds,
        max(t.issued_at) FILTER (WHERE t.transferred_from IS NULL) AS last_issued_at,
        max(t.ended_at) FILTER (WHERE t.status = 'FINISHED') AS last_finished_at
      FROM ticket t WHERE t.hall_id = $1 AND t.service_day = $2 GROUP BY t.service_code""";

  private final String hallId;

  public PgDayCloseRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Records the day as closed; false if it was closed already (by an earlier run or another server). */
  public Future<Boolean> close(SqlClient sql, LocalDate day, Instant closesAt, Instant now) {
    return sql.preparedQuery(CLOSE)
        .execute(Tuple.of(hallId, day, PgTicketRepository.time(closesAt), PgTicketRepository.time(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<DayClose>> find(SqlClient sql, LocalDate day) {
    return sql.preparedQuery(FIND).execute(Tuple.of(hallId, day)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new DayClose(row.getOffsetDateTime("closes_at").toInstant(), row.getOffsetDateTime("closed_at").toInstant()));
    });
  }

  /** Closes the day's tickets still waiting that must not wait on (see {@link #CLOSE_WAITING}); returns them. */
  public Future<List<Ticket>> closeWaiting(SqlClient sql, LocalDate day, boolean dayOver, Instant now, String dayOverReason) {
    return sql.preparedQuery(CLOSE_WAITING)
        .execute(Tuple.of(hallId, day, dayOver, PgTicketRepository.time(now), dayOverReason))
        .map(PgTicketRepository::all);
  }

  /** The day's figures by service code; none served late when {@code closesAt} is null. */
  public Future<Map<String, ServiceDay>> figures(SqlClient sql, LocalDate day, Instant closesAt) {
    return sql.preparedQuery(FIGURES).execute(Tuple.of(hallId, day, PgTicketRepository.time(closesAt))).map(rows -> {
      Map<String, ServiceDay> figures = new HashMap<>();
      for (Row row : rows) {
        String code = row.getString("service_code");
        figures.put(code, new ServiceDay(code, row.getLong("issued"), row.getLong("served"), row.getLong("served_late"),
            row.getLong("closed_unserved"), row.getLong("no_shows"), row.getLong("cancelled"), row.getLong("still_open"),
            row.getLong("average_wait_seconds"), row.getLong("longest_wait_seconds"), instant(row, "last_issued_at"),
            instant(row, "last_finished_at")));
      }
      return figures;
    });
  }

  private static Instant instant(Row row, String column) {
    var time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant();
  }
}
