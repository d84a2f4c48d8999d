package hallq.http;

import hallq.db.PgAlertRepository;
import hallq.standards.AlertService;
import hallq.standards.ComplianceService;
import hallq.standards.OpeningHours;
import hallq.standards.ServiceStandard;
import hallq.standards.StandardsService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The service standards and opening hours (read by staff and devices, changed by hall managers) and the alerts. */
final class StandardsApi {
  private final StandardsService standards;
  private final AlertService alerts;
  private final ComplianceService compliance;

  StandardsApi(StandardsService standards, AlertService alerts, ComplianceService compliance) {
    this.standards = standards;
    this.alerts = alerts;
    this.compliance = compliance;
  }

  void getCompliance(RoutingContext ctx) {
    Access.staff(ctx);
    Replies.json(ctx, compliance.live());
  }

  void listAlerts(RoutingContext ctx) {
    Access.staff(ctx);
    Replies.json(ctx, alerts.recent().map(list -> new JsonObject()
        .put("alerts", new JsonArray(list.stream().map(PgAlertRepository.Alert::toJson).toList()))));
  }

  void acknowledgeAlert(RoutingContext ctx) {
    String by = Access.manager(ctx).name();
    Replies.json(ctx, alerts.acknowledge(Replies.wholeNumber("alertId", ctx.pathParam("alertId")), by).map(PgAlertRepository.Alert::toJson));
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
