package hallq.http;

import hallq.standards.OpeningHours;
import hallq.standards.ServiceStandard;
import hallq.standards.StandardsService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The service standards and opening hours: read by staff and devices, changed by hall managers. */
final class StandardsApi {
  private final StandardsService standards;

  StandardsApi(StandardsService standards) {
    this.standards = standards;
  }

  void getStandards(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, standards.current());
  }

  void updateServiceStandard(RoutingContext ctx) {
    String by = Access.manager(ctx).name();
    ServiceStandard standard = ServiceStandard.fromJson(ctx.body().asJsonObject());
    Replies.json(ctx, standards.updateService(ctx.pathParam("serviceCode"), standard, by));
  }

  void updateOpeningHours(RoutingContext ctx) {
    String by = Access.manager(ctx).name();
    OpeningHours hours = OpeningHours.fromJson(ctx.body().asJsonObject().getJsonArray("periods"));
    Replies.json(ctx, standards.updateOpeningHours(hours, by));
  }

  void listStandardChanges(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, standards.changes().map(changes -> new JsonObject().put("changes", new JsonArray(changes))));
  }
}
