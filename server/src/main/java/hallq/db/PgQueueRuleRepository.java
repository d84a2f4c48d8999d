package hallq.db;

import hallq.config.HallqConfig.QueueRules;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.queue.PriorityRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue rules a manager may change at run time: each service's {@link PriorityRule} and the hall's
 * {@link QueueRules}; and their audit ({@code rule_change}).
 */
public final class PgQueueRuleRepository {
  /** The config's rule, unless a manager has changed it since. */
  private static final String FROM_CONFIG = """
      INSERT INTO service_priority_rule (hall_id, service_code, mode, normal_per_priority) VALUES ($1, $2, $3, $4)
      ON CONFLICT (hall_id, service_code) DO UPDATE SET mode = EXCLUDED.mode, normal_per_priority = EXCLUDED.normal_per_priority
      WHERE service_priority_rule.edited_by IS NULL""";

  private static final String ALL = """
      SELECT r.service_code, r.mode, r.normal_per_priority, r.edited_by, r.edited_at
      FROM service_priority_rule r JOIN service_type s ON s.hall_id = r.hall_id AND s.code = r.service_code AND s.active
      WHERE r.hall_id = $1 ORDER BY s.sort_order""";

  /** The rules of a counter's services: what a call needs. */
  private static final String OF_COUNTER = """
      SELECT r.service_code, r.mode, r.normal_per_priority
      FROM service_priority_rule r JOIN counter_service cs ON cs.hall_id = r.hall_id AND cs.service_code = r.service_code
      WHERE r.hall_id = $1 AND cs.counter_no = $2""";

  private static final String LOCK = "SELECT service_code, mode, normal_per_priority FROM service_priority_rule "
      + "WHERE hall_id = $1 AND service_code = $2 FOR UPDATE";

  private static final String SET = "UPDATE service_priority_rule SET mode = $3, normal_per_priority = $4, edited_by = $5, edited_at = $6 "
      + "WHERE hall_id = $1 AND service_code = $2";

  private static final String AUDIT = "INSERT INTO rule_change (hall_id, kind, subject, before, after, changed_by, changed_at) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7)";

  private static final String CHANGES = "SELECT kind, subject, before, after, changed_by, changed_at FROM rule_change "
      + "WHERE hall_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2";

  private static final String HALL_FROM_CONFIG = """
      INSERT INTO hall_queue_rules (hall_id, rules) VALUES ($1, $2)
      ON CONFLICT (hall_id) DO UPDATE SET rules = EXCLUDED.rules WHERE hall_queue_rules.edited_by IS NULL""";

  private static final String HALL_RULES = "SELECT rules, edited_by, edited_at FROM hall_queue_rules WHERE hall_id = $1";

  private static final String LOCK_HALL_RULES = HALL_RULES + " FOR UPDATE";

  private static final String SET_HALL_RULES = "UPDATE hall_queue_rules SET rules = $2, edited_by = $3, edited_at = $4 WHERE hall_id = $1";

  private static final String COUNT_WALK_IN = """
      UPDATE counter SET walk_ins_since_priority = CASE WHEN $3 THEN 0 ELSE least(walk_ins_since_priority + 1, 1000000) END
      WHERE hall_id = $1 AND counter_no = $2""";

  private final String hallId;

  public PgQueueRuleRepository(String hallId) {
    this.hallId = hallId;
  }

  /** The configured rules, where no manager has changed them. */
  public Future<Void> syncFromConfig(SqlClient sql, List<ServiceTypeConfig> services, QueueRules hall) {
    List<Tuple> rows = services.stream()
        .map(s -> Tuple.of(hallId, s.code(), s.priorityRule().mode().name(), s.priorityRule().normalPerPriority())).toList();
    return sql.preparedQuery(FROM_CONFIG).executeBatch(rows)
        .compose(v -> sql.preparedQuery(HALL_FROM_CONFIG).execute(Tuple.of(hallId, hall.toJson()))).mapEmpty();
  }

  /** The hall's rules with who last changed them (null: as configured). */
  public Future<JsonObject> hallRules(SqlClient sql) {
    return sql.preparedQuery(HALL_RULES).execute(Tuple.of(hallId)).map(rows -> {
      Row row = rows.iterator().next();
      var at = row.getOffsetDateTime("edited_at");
      return new JsonObject().put("rules", row.getJsonObject("rules")).put("editedBy", row.getString("edited_by"))
          .put("editedAt", at == null ? null : at.toInstant().toString());
    });
  }

  /** The hall's rules as they are now: what a recall, a park or a requeue goes by. */
  public Future<QueueRules> currentHallRules(SqlClient sql) {
    return sql.preparedQuery(HALL_RULES).execute(Tuple.of(hallId))
        .map(rows -> QueueRules.fromJson(rows.iterator().next().getJsonObject("rules")));
  }

  /** Sets the hall's rules and keeps the change in the audit, in the caller's transaction. */
  public Future<Void> setHallRules(SqlClient sql, QueueRules after, String by, Instant at) {
    return sql.preparedQuery(LOCK_HALL_RULES).execute(Tuple.of(hallId)).compose(rows -> {
      QueueRules before = QueueRules.fromJson(rows.iterator().next().getJsonObject("rules"));
      if (before.equals(after)) {
        return Future.succeededFuture();
      }
      var time = PgTicketRepository.time(at);
      Future<?> set = sql.preparedQuery(SET_HALL_RULES).execute(Tuple.of(hallId, after.toJson(), by, time));
      return Future.all(set, audit(sql, "HALL_QUEUE_RULES", hallId, before.toJson(), after.toJson(), by, time)).mapEmpty();
    });
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

  /** The rules of the services this counter calls, by service code. */
  public Future<Map<String, PriorityRule>> ofCounter(SqlClient sql, int counterNo) {
    return sql.preparedQuery(OF_COUNTER).execute(Tuple.of(hallId, counterNo)).map(rows -> {
      Map<String, PriorityRule> rules = new LinkedHashMap<>();
      rows.forEach(row -> rules.put(row.getString("service_code"), rule(row)));
      return rules;
    });
  }

  public Future<Optional<PriorityRule>> lock(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(LOCK).execute(Tuple.of(hallId, serviceCode))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rule(rows.iterator().next())));
  }

  /** Sets a service's rule and keeps the change in the audit, in the caller's transaction. */
  public Future<Void> set(SqlClient sql, String serviceCode, PriorityRule before, PriorityRule after, String by, Instant at) {
    var time = PgTicketRepository.time(at);
    Future<?> set = sql.preparedQuery(SET).execute(Tuple.of(hallId, serviceCode, after.mode().name(), after.normalPerPriority(), by, time));
    return Future.all(set, audit(sql, "PRIORITY_RULE", serviceCode, before.toJson(), after.toJson(), by, time)).mapEmpty();
  }

  private Future<?> audit(SqlClient sql, String kind, String subject, JsonObject before, JsonObject after, String by, Object time) {
    return sql.preparedQuery(AUDIT).execute(Tuple.from(List.of(hallId, kind, subject, before, after, by, time)));
  }

  /** The latest changes of queue rules, newest first. */
  public Future<JsonArray> changes(SqlClient sql, int limit) {
    return sql.preparedQuery(CHANGES).execute(Tuple.of(hallId, limit)).map(rows -> {
      JsonArray changes = new JsonArray();
      for (Row row : rows) {
        changes.add(new JsonObject().put("kind", row.getString("kind")).put("subject", row.getString("subject"))
            .put("before", row.getJsonObject("before")).put("after", row.getJsonObject("after"))
            .put("changedBy", row.getString("changed_by")).put("changedAt", row.getOffsetDateTime("changed_at").toInstant().toString()));
      }
      return changes;
    });
  }

  /** Counts a counter's call for RATIO: a priority call starts the count of walk-ins again. */
  public Future<Void> countCall(SqlClient sql, int counterNo, boolean priority) {
    return sql.preparedQuery(COUNT_WALK_IN).execute(Tuple.of(hallId, counterNo, priority)).mapEmpty();
  }

  private static PriorityRule rule(Row row) {
    return new PriorityRule(PriorityRule.Mode.valueOf(row.getString("mode")), row.getInteger("normal_per_priority"));
  }
}
