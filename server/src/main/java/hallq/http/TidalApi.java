package hallq.http;

import hallq.queue.TidalCounters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** 潮汐窗口: a manager adds a service to a counter for a period, or ends it; staff see what is in force. */
final class TidalApi {
  private final TidalCounters tidal;

  TidalApi(TidalCounters tidal) {
    this.tidal = tidal;
  }

  void assignService(RoutingContext ctx) {
    var by = Access.manager(ctx);
    JsonObject body = ctx.body().asJsonObject();
    int minutes = (int) Replies.wholeNumber("minutes", String.valueOf(body.getValue("minutes")));
    Replies.json(ctx, 201, tidal.assign(Replies.counterNo(ctx), body.getString("serviceCode"), minutes, body.getString("reason"), by.name()));
  }

  void endAssignment(RoutingContext ctx) {
    var by = Access.manager(ctx);
    long id = Replies.wholeNumber("assignmentId", ctx.pathParam("assignmentId"));
    Replies.json(ctx, tidal.end(Replies.counterNo(ctx), id, by.name()));
  }

  void setTidalRule(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, tidal.setRule(ctx.pathParam("serviceCode"), ctx.body().asJsonObject(), by.name()));
  }

  void listAssignments(RoutingContext ctx) {
    Access.staff(ctx);
    Replies.json(ctx, tidal.recent());
  }
}
