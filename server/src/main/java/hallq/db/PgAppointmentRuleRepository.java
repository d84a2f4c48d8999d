package hallq.db;

import hallq.appointment.AppointmentRule;
import hallq.config.HallqConfig.ServiceTypeConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each service's {@link AppointmentRule}: from config until a manager changes it, every change audited. */
public final class PgAppointmentRuleRepository implements ServiceRuleStore<AppointmentRule> {
  private static final String FROM_CONFIG = """
      INSERT INTO service_appointment_rule (hall_id, service_code, rules) VALUES ($1, $2, $3)
      ON CONFLICT (hall_id, service_code) DO UPDATE SET rules = EXCLUDED.rules WHERE service_appointment_rule.edited_by IS NULL""";

  /** The active services' rules, in the hall's service order. */
  private static final String ALL = """
      SELECT r.service_code, r.rules FROM service_appointment_rule r
      JOIN service_type s ON s.hall_id = r.hall_id AND s.code = r.service_code AND s.active
      WHERE r.hall_id = $1 ORDER BY s.sort_order""";

  private static final String CURRENT = "SELECT service_code, rules FROM service_appointment_rule WHERE hall_id = $1 AND service_code = $2";

  private static final String LOCK = CURRENT + " FOR UPDATE";

  private static final String SET = "UPDATE service_appointment_rule SET rules = $3, edited_by = $4, edited_at = $5 "
      + "WHERE hall_id = $1 AND service_code = $2";

  private final String hallId;
  private final PgRuleAudit audit;

  public PgAppointmentRuleRepository(String hallId) {
    this.hallId = hallId;
    this.audit = new PgRuleAudit(hallId);
  }

  public Future<Void> syncFromConfig(SqlClient sql, List<ServiceTypeConfig> services) {
    List<Tuple> rows = services.stream().map(s -> Tuple.of(hallId, s.code(), s.appointments().toJson())).toList();
    return rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(FROM_CONFIG).executeBatch(rows).mapEmpty();
  }

  /** Every active service's rule, by service code in the hall's order. */
  public Future<Map<String, AppointmentRule>> all(SqlClient sql) {
    return sql.preparedQuery(ALL).execute(Tuple.of(hallId)).map(rows -> ServiceRuleStore.byServiceCode(rows, PgAppointmentRuleRepository::rule));
  }

  /** A service's rule as it is now, unlocked: what a booking or a cancellation goes by. */
  public Future<Optional<AppointmentRule>> current(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(CURRENT).execute(Tuple.of(hallId, serviceCode)).map(rows -> ServiceRuleStore.single(rows, PgAppointmentRuleRepository::rule));
  }

  @Override
  public Future<Optional<AppointmentRule>> lock(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, serviceCode)).map(rows -> ServiceRuleStore.single(rows, PgAppointmentRuleRepository::rule));
  }

  @Override
  public Future<Void> change(SqlClient sql, String serviceCode, AppointmentRule before, AppointmentRule after, String by, Instant at) {
    Future<?> set = sql.preparedQuery(SET).execute(Tuple.of(hallId, serviceCode, after.toJson(), by, PgTicketRepository.time(at)));
    Future<?> audited = audit.record(sql, PgRuleAudit.Kind.APPOINTMENT_RULE, serviceCode, before.toJson(), after.toJson(), by, at);
    return Future.all(set, audited).mapEmpty();
  }

  private static AppointmentRule rule(Row row) {
    return AppointmentRule.fromJson(row.getJsonObject("rules"));
  }
}
