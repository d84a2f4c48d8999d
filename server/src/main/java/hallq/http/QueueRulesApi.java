package hallq.http;

import hallq.queue.ClosingRules;
import hallq.queue.PriorityRules;
import io.vertx.ext.web.RoutingContext;

/** The queue rules managers change at run time, and their audit. */
final class QueueRulesApi {
  private final PriorityRules priorityRules;
  private final ClosingRules closingRules;

  QueueRulesApi(PriorityRules priorityRules, ClosingRules closingRules) {
    this.priorityRules = priorityRules;
    this.closingRules = closingRules;
  }

  void getQueueRules(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, priorityRules.all());
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
