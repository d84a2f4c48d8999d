package hallq.http;

import hallq.queue.ClosingRules;
import hallq.queue.HallQueueRules;
import hallq.queue.PriorityRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The queue rules managers change at run time, and their audit. */
final class QueueRulesApi {
  private final PriorityRules priorityRules;
  private final ClosingRules closingRules;
  private final HallQueueRules hallRules;

  QueueRulesApi(PriorityRules priorityRules, ClosingRules closingRules, HallQueueRules hallRules) {
    this.priorityRules = priorityRules;
    this.closingRules = closingRules;
    this.hallRules = hallRules;
  }

  /** The hall's rules and each service's priority rule. */
  void getQueueRules(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, Future.all(hallRules.described(), priorityRules.all())
        .map(both -> both.<JsonObject>resultAt(1).copy().put("hall", both.<JsonObject>resultAt(0))));
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
