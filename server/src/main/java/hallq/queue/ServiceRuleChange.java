package hallq.queue;

import hallq.DomainException;
import hallq.config.HallqConfig;
import hallq.db.ServiceRuleStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;

/**
 * A manager changes one service's queue rule at run time: the service must exist, the rule is locked,
 * and only a rule that differs is written, with its audit row, in one transaction.
 */
public final class ServiceRuleChange {
  private ServiceRuleChange() {}

  /** The rule set; {@code parse} reads it from the request (a 400 naming the field) once the service is known. */
  public static <R> Future<R> apply(Pool pool, HallqConfig config, HallClock clock, ServiceRuleStore<R> store, String serviceCode,
      Supplier<R> parse, String by) {
    if (config.serviceType(serviceCode).isEmpty()) {
      throw DomainException.notFound("SERVICE_NOT_FOUND", "serviceCode: no service type '" + serviceCode + "'");
    }
    R rule = parse.get();
    return pool.withTransaction(sql -> store.lock(sql, serviceCode).compose(before -> {
      R old = before.orElseThrow(() -> DomainException.notFound("SERVICE_NOT_FOUND", "serviceCode: no rule for '" + serviceCode + "'"));
      return old.equals(rule) ? Future.succeededFuture() : store.change(sql, serviceCode, old, rule, by, clock.now());
    })).map(v -> rule);
  }
}
