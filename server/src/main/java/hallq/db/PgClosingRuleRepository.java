package hallq.db;

import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.queue.ClosingRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each service's {@link ClosingRule}; changes are audited in {@code rule_change} (kind CLOSING_RULE). */
public final class PgClosingRuleRepository implements ServiceRuleStore<ClosingRule> {
  /** The config's rule, unless a manager has changed it since. */
  private static final String FROM_CONFIG = """
      INSERT INTO service_closing_rule (hall_id, service_code, mode, reason) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, service_code) DO UPDATE SET mode = EXCLUDED.mode, reason = EXCLUDED.reason
      WHERE service_closing_rule.edited_by IS NULL""";

  private static final String BY_SERVICE = """
      SELECT r.service_code, r.mode, r.reason
      FROM service_closing_rule r JOIN service_type s ON s.hall_id = r.hall_id AND s.code = r.service_code AND s.active
      WHERE r.hall_id = $1 ORDER BY s.sort_order""";

  private static final String LOCK_ONE = "SELECT service_code, mode, reason FROM service_closing_rule "
      + "WHERE hall_id = $1 AND service_code = $2 FOR UPDATE";

  private static final String CHANGE = "UPDATE service_closing_rule SET mode = $3, reason = $4, edited_by = $5, edited_at = $6 "
      + "WHERE hall_id = $1 AND service_code = $2";

  private final String hallId;
  private final PgRuleAudit audit;

  public PgClosingRuleRepository(String hallId) {
    this.hallId = hallId;
    this.audit = new PgRuleAudit(hallId);
  }

  public Future<Void> syncFromConfig(SqlClient sql, List<ServiceTypeConfig> services) {
    List<Tuple> rows = services.stream()
        .map(s -> Tuple.of(hallId, s.code(), s.closingRule().mode().name(), s.closingRule().reason()))
        .toList();
    return rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(FROM_CONFIG).executeBatch(rows).mapEmpty();
  }

  /** Every active service's rule, in the hall's service order. */
  public Future<Map<String, ClosingRule>> byService(SqlClient sql) {
    return sql.preparedQuery(BY_SERVICE).execute(Tuple.of(hallId))
        .map(rows -> ServiceRuleStore.byServiceCode(rows, PgClosingRuleRepository::rule));
  }

  @Override
  public Future<Optional<ClosingRule>> lock(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(LOCK_ONE).execute(Tuple.of(hallId, serviceCode)).map(rows -> ServiceRuleStore.single(rows, PgClosingRuleRepository::rule));
  }

  /** Sets a service's rule and audits the change, in the caller's transaction. */
  @Override
  public Future<Void> change(SqlClient sql, String serviceCode, ClosingRule before, ClosingRule after, String by, Instant at) {
    Future<?> changed = sql.preparedQuery(CHANGE)
        .execute(Tuple.of(hallId, serviceCode, after.mode().name(), after.reason(), by, PgTicketRepository.time(at)));
    Future<?> audited = audit.record(sql, PgRuleAudit.Kind.CLOSING_RULE, serviceCode, before.toJson(), after.toJson(), by, at);
    return Future.all(changed, audited).mapEmpty();
  }

  private static ClosingRule rule(Row row) {
    return new ClosingRule(ClosingRule.Mode.valueOf(row.getString("mode")), row.getString("reason"));
  }
}
