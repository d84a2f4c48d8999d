package hallq.http;

import hallq.queue.ClosingRules;
import hallq.config.HallqConfig.NearCall;
import hallq.config.HallqConfig.QueueRules;
import hallq.queue.HallRules;
import hallq.queue.PriorityRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The queue rules managers change at run time, and their audit. */
final class QueueRulesApi {
  private final PriorityRules priorityRules;
  private final ClosingRules closingRules;
  private final HallRules<QueueRules> hallRules;
  private final HallRules<NearCall> nearCallRules;

  QueueRulesApi(PriorityRules priorityRules, ClosingRules closingRules, HallRules<QueueRules> hallRules, HallRules<NearCall> nearCallRules) {
    this.priorityRules = priorityRules;
    this.closingRules = closingRules;
    this.hallRules = hallRules;
    this.nearCallRules = nearCallRules;
  }

  /** The hall's rules, its near-call rule and each service's priority rule. */
  void getQueueRules(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, Future.all(hallRules.described(), priorityRules.all(), nearCallRules.described())
        .map(all -> all.<JsonObject>resultAt(1).copy().put("hall", all.<JsonObject>resultAt(0)).put("nearCall", all.<JsonObject>resultAt(2))));
  }

  void setNearCallRules(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, nearCallRules.set(ctx.body().asJsonObject(), by.name()));
  }

  void setHallQueueRules(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, hallRules.set(ctx.body().asJsonObject(), by.name()));
  }

  void setPriorityRule(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, priorityRules.set(ctx.pathParam("serviceCode"), ctx.body().asJsonObject(), by.name()));
  }

  void setClosingRule(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, closingRules.set(ctx.pathParam("serviceCode"), ctx.body().asJsonObject(), by.name()));
  }

  void listRuleChanges(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, priorityRules.changes());
  }
}
