package hallq.db;

import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.queue.TidalRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Each service's {@link TidalRule}; changes are audited in {@code rule_change} (kind TIDAL_RULE). */
public final class PgTidalRuleRepository implements ServiceRuleStore<TidalRule> {
  /** The config's rule, unless a manager has changed it since. */
  private static final String FROM_CONFIG = """
      INSERT INTO service_tidal_rule (hall_id, service_code, counters, minutes) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, service_code) DO UPDATE SET counters = EXCLUDED.counters, minutes = EXCLUDED.minutes
      WHERE service_tidal_rule.edited_by IS NULL""";

  private static final String ONE = "SELECT counters, minutes FROM service_tidal_rule WHERE hall_id = $1 AND service_code = $2";

  private static final String LOCK_ONE = ONE + " FOR UPDATE";

  private static final String CHANGE = "UPDATE service_tidal_rule SET counters = $3, minutes = $4, edited_by = $5, edited_at = $6 "
      + "WHERE hall_id = $1 AND service_code = $2";

  private final String hallId;
  private final PgRuleAudit audit;

  public PgTidalRuleRepository(String hallId) {
    this.hallId = hallId;
    this.audit = new PgRuleAudit(hallId);
  }

  public Future<Void> syncFromConfig(SqlClient sql, List<ServiceTypeConfig> services) {
    List<Tuple> rows = services.stream().map(s -> params(s.code(), s.tidal())).toList();
    return rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(FROM_CONFIG).executeBatch(rows).mapEmpty();
  }

  /** The service's rule now (none for an unknown service). */
  public Future<TidalRule> of(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(ONE).execute(Tuple.of(hallId, serviceCode))
        .map(rows -> ServiceRuleStore.single(rows, PgTidalRuleRepository::rule).orElse(TidalRule.NONE));
  }

  @Override
  public Future<Optional<TidalRule>> lock(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(LOCK_ONE).execute(Tuple.of(hallId, serviceCode)).map(rows -> ServiceRuleStore.single(rows, PgTidalRuleRepository::rule));
  }

  /** Sets a service's rule and audits the change, in the caller's transaction. */
  @Override
  public Future<Void> change(SqlClient sql, String serviceCode, TidalRule before, TidalRule after, String by, Instant at) {
    Tuple params = params(serviceCode, after).addString(by).addOffsetDateTime(PgTicketRepository.time(at));
    Future<?> changed = sql.preparedQuery(CHANGE).execute(params);
    Future<?> audited = audit.record(sql, PgRuleAudit.Kind.TIDAL_RULE, serviceCode, before.toJson(), after.toJson(), by, at);
    return Future.all(changed, audited).mapEmpty();
  }

  private Tuple params(String serviceCode, TidalRule rule) {
    return Tuple.tuple().addString(hallId).addString(serviceCode).addArrayOfInteger(rule.counters().toArray(Integer[]::new))
        .addInteger(rule.minutes());
  }

  private static TidalRule rule(Row row) {
    return new TidalRule(Arrays.asList(row.getArrayOfIntegers("counters")), row.getInteger("minutes"));
  }
}
