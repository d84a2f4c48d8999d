package hallq.db;

import hallq.standards.OpeningHours;
import hallq.standards.ServiceStandard;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hall's service standards and opening hours as they stand now, and the audit of their changes. */
public final class PgStandardsRepository {

  /** The standard's columns of {@code service_type}, in {@link ServiceStandard}'s order. */
  /**
   * A LATERAL join giving ticket {@code t} the standard in force when it was called (or issued, if
   * never called) as {@code st}: its target wait and standard handling time.
   */
  public static final String VERSION_IN_FORCE = "\n" + """
      JOIN LATERAL (SELECT v.target_wait_minutes, v.standard_service_minutes FROM service_standard_version v
        WHERE v.hall_id = t.hall_id AND v.service_code = t.service_code AND v.effective_from <= coalesce(t.called_at, t.issued_at)
        ORDER BY v.effective_from DESC LIMIT 1) st ON true
      """;

  private static final String VERSIONS = """
      SELECT CASE WHEN effective_from = '-infinity' THEN NULL ELSE effective_from END AS effective_from, standard, changed_by
        FROM service_standard_version WHERE hall_id = $1 AND service_code = $2 ORDER BY service_standard_version.effective_from""";

  static final String STANDARD_COLUMNS = "warn_wait_minutes, target_wait_minutes, breach_wait_minutes, service_level_percent, "
      + "service_level_minutes, standard_service_minutes, queue_alert_length, last_issue_minutes_before_close, daily_quota, "
      + "required_materials";

  private static final String STANDARDS = "SELECT code, edited_by, edited_at, " + STANDARD_COLUMNS
      + " FROM service_type WHERE hall_id = $1 AND active ORDER BY sort_order";

  private static final String FIND_STANDARD = "SELECT code, edited_by, edited_at, " + STANDARD_COLUMNS
      + " FROM service_type WHERE hall_id = $1 AND code = $2 AND active";

  private static final String LOCK_STANDARD = FIND_STANDARD + " FOR UPDATE";

  private static final String REQUIRED_MATERIALS = "SELECT required_materials FROM service_type WHERE hall_id = $1 AND code = $2";

  private static final String UPDATE_STANDARD = "UPDATE service_type SET (" + STANDARD_COLUMNS + ", edited_by, edited_at)"
      + " = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) WHERE hall_id = $1 AND code = $2";

  private static final String OPENING_HOURS = "SELECT opening_hours FROM hall WHERE id = $1";

  private static final String LOCK_OPENING_HOURS = OPENING_HOURS + " FOR UPDATE";

  private static final String UPDATE_OPENING_HOURS =
      "UPDATE hall SET opening_hours = $2, opening_hours_edited_by = $3, opening_hours_edited_at = $4 WHERE id = $1";

  private static final String AUDIT = """
      INSERT INTO standard_change (hall_id, subject, changed_by, changed_at, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6)""";

  private static final String CHANGES = """
      SELECT subject, changed_by, changed_at, old_value, new_value FROM standard_change
      WHERE hall_id = $1 ORDER BY id DESC LIMIT $2""";

  private final String hallId;

  public PgStandardsRepository(String hallId) {
    this.hallId = hallId;
  }

  /** Appends the standard's ten values to {@code params}. */
  static Tuple standardParams(Tuple params, ServiceStandard s) {
    return params
        .addInteger(s.warnWaitMinutes())
        .addInteger(s.targetWaitMinutes())
        .addInteger(s.breachWaitMinutes())
        .addInteger(s.serviceLevelPercent())
        .addInteger(s.serviceLevelMinutes())
        .addInteger(s.standardServiceMinutes())
        .addInteger(s.queueAlertLength())
        .addInteger(s.lastIssueMinutesBeforeClose())
        .addInteger(s.dailyQuota())
        .addArrayOfString(s.requiredMaterials().toArray(String[]::new));
  }

  /** A service's standard and who last edited it (null: as configured). */
  public record Current(String serviceCode, ServiceStandard standard, String editedBy, Instant editedAt) {}

  /** Every active service's standard, in the hall's order. */
  public Future<Map<String, Current>> standards(SqlClient sql) {
    return sql.preparedQuery(STANDARDS).execute(Tuple.of(hallId)).map(rows -> {
      Map<String, Current> standards = new LinkedHashMap<>();
      rows.forEach(row -> standards.put(row.getString("code"), current(row)));
      return standards;
    });
  }

  public Future<ServiceStandard> standard(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(FIND_STANDARD)
        .execute(Tuple.of(hallId, serviceCode))
        .map(rows -> current(rows.iterator().next()).standard());
  }

  /** The materials a citizen must bring for the service, as its standard lists them now (none for an unknown service). */
  public Future<List<String>> requiredMaterials(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(REQUIRED_MATERIALS)
        .execute(Tuple.of(hallId, serviceCode))
        .map(rows -> rows.size() == 0 ? List.of() : List.of(rows.iterator().next().getArrayOfStrings("required_materials")));
  }

  public Future<Optional<Current>> lockStandard(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(LOCK_STANDARD)
        .execute(Tuple.of(hallId, serviceCode))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(current(rows.iterator().next())));
  }

  /** A standard version: in force from {@code effectiveFrom} (null: from the start) until the next. */
  public record Version(Instant effectiveFrom, JsonObject standard, String changedBy) {}

  /** Every version of a service's standard, oldest first. */
  public Future<List<Version>> versions(SqlClient sql, String serviceCode) {
    return sql.preparedQuery(VERSIONS).execute(Tuple.of(hallId, serviceCode)).map(rows -> {
      List<Version> versions = new ArrayList<>();
      for (Row row : rows) {
        OffsetDateTime from = row.getOffsetDateTime("effective_from");
        versions.add(new Version(from == null ? null : from.toInstant(), (JsonObject) row.getValue("standard"), row.getString("changed_by")));
      }
      return versions;
    });
  }

  public Future<Void> updateStandard(SqlClient sql, String serviceCode, ServiceStandard standard, String by, Instant at) {
    Tuple params = standardParams(Tuple.of(hallId, serviceCode), standard)
        .addString(by)
        .addOffsetDateTime(PgTicketRepository.time(at));
    return sql.preparedQuery(UPDATE_STANDARD).execute(params).mapEmpty();
  }

  public Future<OpeningHours> openingHours(SqlClient sql) {
    return sql.preparedQuery(OPENING_HOURS).execute(Tuple.of(hallId)).map(PgStandardsRepository::openingHours);
  }

  public Future<OpeningHours> lockOpeningHours(SqlClient sql) {
    return sql.preparedQuery(LOCK_OPENING_HOURS).execute(Tuple.of(hallId)).map(PgStandardsRepository::openingHours);
  }

  public Future<Void> updateOpeningHours(SqlClient sql, OpeningHours hours, String by, Instant at) {
    return sql.preparedQuery(UPDATE_OPENING_HOURS)
        .execute(Tuple.of(hallId, hours.toJson(), by, PgTicketRepository.time(at)))
        .mapEmpty();
  }

  public Future<Void> audit(SqlClient sql, String subject, String by, Instant at, Object oldValue, Object newValue) {
    return sql.preparedQuery(AUDIT)
        .execute(Tuple.of(hallId, subject, by, PgTicketRepository.time(at), oldValue, newValue))
        .mapEmpty();
  }

  /** The newest changes first. */
  public Future<List<JsonObject>> changes(SqlClient sql, int limit) {
    return sql.preparedQuery(CHANGES).execute(Tuple.of(hallId, limit)).map(rows -> {
      List<JsonObject> changes = new ArrayList<>();
      for (Row row : rows) {
        changes.add(new JsonObject()
            .put("subject", row.getString("subject"))
            .put("changedBy", row.getString("changed_by"))
            .put("changedAt", row.getOffsetDateTime("changed_at").toInstant().toString())
            .put("old", row.getValue("old_value"))
            .put("new", row.getValue("new_value")));
      }
      return changes;
    });
  }

  private static OpeningHours openingHours(io.vertx.sqlclient.RowSet<Row> rows) {
    Object value = rows.iterator().next().getValue("opening_hours");
    return OpeningHours.fromJson(value instanceof JsonArray array ? array : new JsonArray());
  }

  private static Current current(Row row) {
    Integer quota = row.getInteger("daily_quota");
    ServiceStandard standard = new ServiceStandard(row.getInteger("warn_wait_minutes"), row.getInteger("target_wait_minutes"),
        row.getInteger("breach_wait_minutes"), row.getInteger("service_level_percent"), row.getInteger("service_level_minutes"),
        row.getInteger("standard_service_minutes"), row.getInteger("queue_alert_length"),
        row.getInteger("last_issue_minutes_before_close"), quota, List.of(row.getArrayOfStrings("required_materials")));
    var editedAt = row.getOffsetDateTime("edited_at");
    return new Current(row.getString("code"), standard, row.getString("edited_by"), editedAt == null ? null : editedAt.toInstant());
  }
}
