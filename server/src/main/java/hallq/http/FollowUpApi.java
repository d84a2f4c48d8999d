package hallq.http;

import hallq.rating.FollowUpService;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import io.vertx.ext.web.RoutingContext;

/** 差评整改 cases: listed for managers, taken step by step, appealed and reviewed. */
final class FollowUpApi {
  private final FollowUpService followUps;

  FollowUpApi(FollowUpService followUps) {
    this.followUps = followUps;
  }

  void listFollowUps(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, followUps.list().map(cases -> new JsonObject().put("cases", cases)));
  }

  void actOnFollowUp(RoutingContext ctx) {
    var by = Access.manager(ctx);
    JsonObject body = ctx.body().asJsonObject();
    long caseId = Replies.wholeNumber("caseId", ctx.pathParam("caseId"));
    String due = body.getString("dueDate");
    FollowUpService.Action action = new FollowUpService.Action(body.getString("action"), body.getString("note"), body.getString("finding"),
        body.getString("plan"), body.getString("owner"), due == null ? null : LocalDate.parse(due), body.getBoolean("reached"),
        body.getBoolean("satisfied"));
    Replies.json(ctx, followUps.act(caseId, action, by));
  }
}
