package hallq.http;

import hallq.DomainException;
import hallq.auth.Principal;
import hallq.config.HallqConfig.DeviceType;
import hallq.config.HallqConfig.Role;
import io.vertx.ext.web.RoutingContext;

/** Who may do what. Each check returns the caller or throws 401 (no valid token) / 403 (not allowed). */
final class Access {
  static final String PRINCIPAL = "hallq.principal";

  private Access() {}

  static Principal caller(RoutingContext ctx) {
    Principal principal = ctx.get(PRINCIPAL);
    if (principal == null) {
      throw DomainException.unauthorized("UNAUTHORIZED", "sign in, or send a device token (Authorization: Bearer …)");
    }
    return principal;
  }

  static Principal kiosk(RoutingContext ctx) {
    Principal caller = caller(ctx);
    if (!caller.is(DeviceType.KIOSK)) {
      throw DomainException.forbidden("FORBIDDEN", "only a kiosk issues tickets");
    }
    return caller;
  }

  static Principal staff(RoutingContext ctx) {
    Principal caller = caller(ctx);
    if (!caller.isUser()) {
      throw DomainException.forbidden("FORBIDDEN", "staff only");
    }
    return caller;
  }

  /** Staff, or any configured device (displays and bridges read the queue). */
  static Principal staffOrDevice(RoutingContext ctx) {
    return caller(ctx);
  }

  /** A hall manager or an admin. */
  static Principal manager(RoutingContext ctx) {
    Principal caller = staff(ctx);
    if (!caller.is(Role.MANAGER) && !caller.is(Role.ADMIN)) {
      throw DomainException.forbidden("FORBIDDEN", "hall managers only");
    }
    return caller;
  }

  /** A clerk signed in to this counter, or a manager or admin. */
  static Principal counterOperator(RoutingContext ctx, int counterNo) {
    Principal caller = staff(ctx);
    if (caller.is(Role.CLERK) && (caller.counterNo() == null || caller.counterNo() != counterNo)) {
      throw DomainException.forbidden("WRONG_COUNTER",
          "you are signed in to counter " + caller.counterNo() + ", not counter " + counterNo);
    }
    return caller;
  }

  /** The caller if signed in or a device; null for an anonymous citizen. */
  static Principal optional(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }
}
