package hallq.db;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.CounterConfig;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.config.HallqConfig.UserConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The hall as configured (service types, counters, users), written to the database at start-up so
 * that tickets and sessions can refer to it, and the live overview of its queues.
 */
public final class PgHallRepository {

  private static final String ONE_SYNC_AT_A_TIME = "SELECT pg_advisory_xact_lock(hashtext('hallq_sync:' || $1))";

  private static final String UPSERT_HALL = """
      INSERT INTO hall (id, name, time_zone, opening_hours) VALUES ($1, $2, $3, $4)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
        opening_hours = CASE WHEN hall.opening_hours_edited_by IS NULL THEN excluded.opening_hours ELSE hall.opening_hours END""";

  private static final String DEACTIVATE_SERVICES = "UPDATE service_type SET active = false WHERE hall_id = $1";

  private static final String UPSERT_SERVICE = """
      INSERT INTO service_type (hall_id, code, prefix, name, name_en, sort_order, active, """ + PgStandardsRepository.STANDARD_COLUMNS + """
      )
      VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (hall_id, code) DO UPDATE SET prefix = excluded.prefix, name = excluded.name,
        name_en = excluded.name_en, sort_order = excluded.sort_order, active = true""";

  /** A standard a manager has edited is the hall's decision: the config no longer overrides it. */
  private static final String CONFIGURED_STANDARD = """
      UPDATE service_type SET (""" + PgStandardsRepository.STANDARD_COLUMNS + """
      ) = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      WHERE hall_id = $1 AND code = $2 AND edited_by IS NULL""";

  private static final String DEACTIVATE_COUNTERS = "UPDATE counter SET active = false WHERE hall_id = $1";

  private static final String UPSERT_COUNTER = """
      INSERT INTO counter (hall_id, counter_no, name, active) VALUES ($1, $2, $3, true)
      ON CONFLICT (hall_id, counter_no) DO UPDATE SET name = excluded.name, active = true""";

  private static final String CLEAR_COUNTER_SERVICES = "DELETE FROM counter_service WHERE hall_id = $1";

  private static final String INSERT_COUNTER_SERVICE =
      "INSERT INTO counter_service (hall_id, counter_no, service_code, position) VALUES ($1, $2, $3, $4)";

  /** Directory users keep their rows (and sessions) across a restart while the directory stays on. */
  private static final String DEACTIVATE_USERS =
      "UPDATE app_user SET active = false WHERE hall_id = $1 AND (source = 'LOCAL' OR NOT $2)";

  private static final String UPSERT_USER = """
      INSERT INTO app_user (username, hall_id, display_name, role, password_hash, active) VALUES ($1, $2, $3, $4, $5, true)
      ON CONFLICT (username) DO UPDATE SET hall_id = excluded.hall_id, display_name = excluded.display_name,
        role = excluded.role, password_hash = excluded.password_hash, source = 'LOCAL', active = true""";

  private static final String DROP_SESSIONS_OF_INACTIVE_USERS =
      "DELETE FROM auth_session s USING app_user u WHERE s.username = u.username AND NOT u.active";

  private static final String OVERVIEW = """
      SELECT s.code, s.prefix, s.name, s.name_en, s.target_wait_minutes, s.standard_service_minutes,
        count(t.id) AS waiting,
        count(t.id) FILTER (WHERE t.priority IS NOT NULL) AS waiting_priority,
        min(t.queued_at) AS oldest_queued_at
      FROM service_type s
      LEFT JOIN ticket t ON t.hall_id = s.hall_id AND t.service_code = s.code AND t.service_day = $2 AND t.status = 'WAITING'
      WHERE s.hall_id = $1 AND s.active
      GROUP BY s.code, s.prefix, s.name, s.name_en, s.target_wait_minutes, s.standard_service_minutes, s.sort_order
      ORDER BY s.sort_order""";

  private final String hallId;

  public PgHallRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Makes the database match the config in one transaction; what the config dropped is deactivated, not deleted. */
  public Future<Void> sync(Pool pool, HallqConfig config) {
    return pool.withTransaction(sql -> sql.preparedQuery(ONE_SYNC_AT_A_TIME)
        .execute(Tuple.of(hallId))
        .compose(v -> sql.preparedQuery(UPSERT_HALL).execute(Tuple.of(hallId, config.hall().name(), config.hall().timeZone().getId(),
            config.hall().openingHours().toJson())))
        .compose(v -> sql.preparedQuery(DEACTIVATE_SERVICES).execute(Tuple.of(hallId)))
        .compose(v -> batch(sql, UPSERT_SERVICE, serviceRows(config.serviceTypes())))
        .compose(v -> batch(sql, CONFIGURED_STANDARD, config.serviceTypes().stream()
            .map(s -> PgStandardsRepository.standardParams(Tuple.of(hallId, s.code()), s.standard())).toList()))
        .compose(v -> new PgPriorityRuleRepository(hallId).syncFromConfig(sql, config.serviceTypes()))
        .compose(v -> new PgClosingRuleRepository(hallId).syncFromConfig(sql, config.serviceTypes()))
        .compose(v -> PgHallRules.queueRules(hallId).syncFromConfig(sql, config.queue()))
        .compose(v -> PgHallRules.nearCall(hallId).syncFromConfig(sql, config.nearCall()))
        .compose(v -> new PgAppointmentRuleRepository(hallId).syncFromConfig(sql, config.serviceTypes()))
        .compose(v -> new PgTidalRuleRepository(hallId).syncFromConfig(sql, config.serviceTypes()))
        .compose(v -> sql.preparedQuery(DEACTIVATE_COUNTERS).execute(Tuple.of(hallId)))
        .compose(v -> batch(sql, UPSERT_COUNTER, config.counters().stream()
            .map(c -> Tuple.of(hallId, c.no(), c.name())).toList()))
        .compose(v -> sql.preparedQuery(CLEAR_COUNTER_SERVICES).execute(Tuple.of(hallId)))
        .compose(v -> batch(sql, INSERT_COUNTER_SERVICE, counterServiceRows(config.counters())))
        .compose(v -> sql.preparedQuery(DEACTIVATE_USERS).execute(Tuple.of(hallId, config.directory().enabled())))
        .compose(v -> batch(sql, UPSERT_USER, userRows(config.users())))
        .compose(v -> sql.preparedQuery(DROP_SESSIONS_OF_INACTIVE_USERS).execute())
        .mapEmpty());
  }

  /** Waiting tickets per service type today, with the longest wait so far. */
  public Future<List<JsonObject>> overview(SqlClient sql, LocalDate day, Instant now) {
    return sql.preparedQuery(OVERVIEW)
        .execute(Tuple.of(hallId, day))
        .map(rows -> {
          List<JsonObject> services = new ArrayList<>();
          for (Row row : rows) {
            var oldest = row.getOffsetDateTime("oldest_queued_at");
            services.add(new JsonObject()
                .put("serviceCode", row.getString("code"))
                .put("prefix", row.getString("prefix"))
                .put("name", row.getString("name"))
                .put("nameEn", row.getString("name_en"))
                .put("targetWaitMinutes", row.getInteger("target_wait_minutes"))
                .put("standardServiceMinutes", row.getInteger("standard_service_minutes"))
                .put("waiting", row.getLong("waiting"))
                .put("waitingPriority", row.getLong("waiting_priority"))
                .put("longestWaitSeconds", oldest == null ? 0 : Math.max(0, now.getEpochSecond() - oldest.toEpochSecond())));
          }
          return services;
        });
  }

  private List<Tuple> serviceRows(List<ServiceTypeConfig> services) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      ServiceTypeConfig s = services.get(i);
      rows.add(PgStandardsRepository.standardParams(Tuple.tuple()
          .addString(hallId)
          .addString(s.code())
          .addString(s.prefix())
          .addString(s.name())
          .addString(s.nameEn())
          .addInteger(i + 1), s.standard()));
    }
    return rows;
  }

  private List<Tuple> counterServiceRows(List<CounterConfig> counters) {
    List<Tuple> rows = new ArrayList<>();
    for (CounterConfig c : counters) {
      for (int i = 0; i < c.services().size(); i++) {
        rows.add(Tuple.of(hallId, c.no(), c.services().get(i), i + 1));
      }
    }
    return rows;
  }

  private List<Tuple> userRows(List<UserConfig> users) {
    return users.stream()
        .map(u -> Tuple.of(u.username(), hallId, u.displayName(), u.role().name(), u.passwordHash()))
        .toList();
  }

  private static Future<Void> batch(SqlClient sql, String statement, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(statement).executeBatch(rows).mapEmpty();
  }
}
