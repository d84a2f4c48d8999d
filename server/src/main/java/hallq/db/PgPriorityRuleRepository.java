package hallq.db;

import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.queue.PriorityRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each service's {@link PriorityRule}, and the audit of the queue rules managers change ({@code rule_change}). */
public final class PgPriorityRuleRepository implements ServiceRuleStore<PriorityRule> {
  /** The config's rule, unless a manager has changed it since. */
  private static final String FROM_CONFIG = """
      INSERT INTO service_priority_rule (hall_id, service_code, mode, normal_per_priority) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, service_code) DO UPDATE SET mode = EXCLUDED.mode, normal_per_priority = EXCLUDED.normal_per_priority
      WHERE service_priority_rule.edited_by IS NULL""";

  private static final String ALL = """
      SELECT r.service_code, r.mode, r.normal_per_priority, r.edited_by, r.edited_at
      FROM service_priority_rule r JOIN service_type s ON s.hall_id = r.hall_id AND s.code = r.service_code AND s.active
      WHERE r.hall_id = $1 ORDER BY s.sort_order""";

  private static final String LOCK = "SELECT service_code, mode, normal_per_priority FROM service_priority_rule "
      + "WHERE hall_id = $1 AND service_code = $2 FOR UPDATE";

  private static final String SET = "UPDATE service_priority_rule SET mode = $3, normal_per_priority = $4, edited_by = $5, edited_at = $6 "
      + "WHERE hall_id = $1 AND service_code = $2";

  private static final String COUNT_WALK_IN = """
      UPDATE counter SET walk_ins_since_priority = CASE WHEN $3 THEN 0 ELSE least(walk_ins_since_priority + 1, 1000000) END
      WHERE hall_id = $1 AND counter_no = $2""";

  private final String hallId;
  private final PgRuleAudit audit;

  public PgPriorityRuleRepository(String hallId) {
    this.hallId = hallId;
    this.audit = new PgRuleAudit(hallId);
  }

  public Future<Void> syncFromConfig(SqlClient sql, List<ServiceTypeConfig> services) {
    List<Tuple> rows = services.stream()
        .map(s -> Tuple.of(hallId, s.code(), s.priorityRule().mode().name(), s.priorityRule().normalPerPriority())).toList();
    return rows.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(FROM_CONFIG).executeBatch(rows).mapEmpty();
  }

  /** Every active service's rule with who last changed it (null: as configured), in the hall's service order. */
  public Future<JsonArray> all(SqlClient sql) {
    return sql.preparedQuery(ALL).execute(Tuple.of(hallId)).map(rows -> {
      JsonArray all = new JsonArray();
      for (Row row : rows) {
        var at = row.getOffsetDateTime("edited_at");
        all.add(new JsonObject().put("serviceCode", row.getString("service_code")).put("rule", rule(row).toJson())
            .put("editedBy", row.getString("edited_by")).put("editedAt", at == null ? null : at.toInstant().toString()));
      }
      return all;
    });
  }

  @Override
  public Future<Optional<PriorityRule>> lock(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, serviceCode)).map(rows -> ServiceRuleStore.single(rows, PgPriorityRuleRepository::rule));
  }

  /** Sets a service's rule and keeps the change in the audit, in the caller's transaction. */
  @Override
  public Future<Void> change(SqlClient sql, String serviceCode, PriorityRule before, PriorityRule after, String by, Instant at) {
    var time = PgTicketRepository.time(at);
    Future<?> set = sql.preparedQuery(SET).execute(Tuple.of(hallId, serviceCode, after.mode().name(), after.normalPerPriority(), by, time));
    Future<?> audited = audit.record(sql, PgRuleAudit.Kind.PRIORITY_RULE, serviceCode, before.toJson(), after.toJson(), by, at);
    return Future.all(set, audited).mapEmpty();
  }

  /** The latest changes of queue rules, newest first. */
  public Future<JsonArray> changes(SqlClient sql, int limit) {
    return audit.changes(sql, limit);
  }

  /** Counts a counter's call for RATIO: a priority call starts the count of walk-ins again. */
  public Future<Void> countCall(SqlClient sql, int counterNo, boolean priority) {
    return sql.preparedQuery(COUNT_WALK_IN).execute(Tuple.of(hallId, counterNo, priority)).mapEmpty();
  }

  private static PriorityRule rule(Row row) {
    return new PriorityRule(PriorityRule.Mode.valueOf(row.getString("mode")), row.getInteger("normal_per_priority"));
  }
}
