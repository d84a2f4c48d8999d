package hallq.standards;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.PgEventLog;
import hallq.db.PgStandardsRepository;
import hallq.db.PgStandardsRepository.Current;
import hallq.queue.EventType;
import hallq.queue.HallClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The hall's service standards and opening hours as they stand now. A manager's change takes
 * effect at once (every reader goes to the database), is audited (who, when, old → new) and
 * announced as a {@code STANDARDS_CHANGED} event, all in one transaction.
 */
public final class StandardsService {
  private static final int CHANGES_LIMIT = 200;

  private final Pool pool;
  private final HallqConfig config;
  private final HallClock clock;
  private final PgStandardsRepository standards;
  private final PgEventLog events;

  public StandardsService(Pool pool, HallqConfig config, HallClock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
    this.standards = new PgStandardsRepository(config.hall().id());
    this.events = new PgEventLog(config.hall().id());
  }

  public Future<JsonObject> current() {
    return pool.withConnection(sql -> standards.openingHours(sql)
        .compose(hours -> standards.standards(sql).map(all -> new JsonObject()
            .put("openingHours", hours.toJson())
            .put("services", new JsonArray(all.values().stream().map(this::toJson).toList())))));
  }

  /** 所需材料 of a service now: what the citizen's ticket page asks them to have ready. */
  public Future<List<String>> requiredMaterials(String serviceCode) {
    return pool.withConnection(sql -> standards.requiredMaterials(sql, serviceCode));
  }

  public Future<JsonObject> updateService(String serviceCode, ServiceStandard standard, String by) {
    var now = clock.now();
    return pool.withTransaction(sql -> standards.lockStandard(sql, serviceCode)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("SERVICE_NOT_FOUND", "serviceCode: no service type '" + serviceCode + "'")))
        .compose(old -> standards.updateStandard(sql, serviceCode, standard, by, now)
            .compose(v -> standards.audit(sql, "service:" + serviceCode, by, now, old.standard().toJson(), standard.toJson()))
            .compose(v -> changed(sql, "service:" + serviceCode, by, now))
            .map(v -> toJson(new Current(serviceCode, standard, by, now)))));
  }

  public Future<JsonObject> updateOpeningHours(OpeningHours hours, String by) {
    var now = clock.now();
    return pool.withTransaction(sql -> standards.lockOpeningHours(sql)
        .compose(old -> standards.updateOpeningHours(sql, hours, by, now)
            .compose(v -> standards.audit(sql, "openingHours", by, now, old.toJson(), hours.toJson()))
            .compose(v -> changed(sql, "openingHours", by, now))
            .map(v -> new JsonObject().put("openingHours", hours.toJson()))));
  }

  public Future<List<JsonObject>> changes() {
    return pool.withConnection(sql -> standards.changes(sql, CHANGES_LIMIT));
  }

  private Future<Long> changed(io.vertx.sqlclient.SqlConnection sql, String subject, String by, java.time.Instant at) {
    return events.append(sql, EventType.STANDARDS_CHANGED, null, null, by, at, new JsonObject().put("subject", subject));
  }

  private JsonObject toJson(Current current) {
    String name = config.serviceType(current.serviceCode()).map(HallqConfig.ServiceTypeConfig::name).orElse(current.serviceCode());
    return current.standard().toJson()
        .put("serviceCode", current.serviceCode())
        .put("name", name)
        .put("editedBy", current.editedBy())
        .put("editedAt", current.editedAt() == null ? null : current.editedAt().toString());
  }
}
