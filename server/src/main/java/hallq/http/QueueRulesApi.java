package hallq.http;

import hallq.queue.PriorityRules;
import io.vertx.ext.web.RoutingContext;

/** The queue rules managers change at run time, and their audit. */
final class QueueRulesApi {
  private final PriorityRules priorityRules;

  QueueRulesApi(PriorityRules priorityRules) {
    this.priorityRules = priorityRules;
  }

  void getQueueRules(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, priorityRules.all());
  }

  void setPriorityRule(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, priorityRules.set(ctx.pathParam("serviceCode"), ctx.body().asJsonObject(), by.name()));
  }

  void listRuleChanges(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, priorityRules.changes());
  }
}
