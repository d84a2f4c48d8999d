package hallq.http;

import hallq.queue.QueueRuleService;
import io.vertx.ext.web.RoutingContext;

/** The queue rules managers change at run time, and their audit. */
final class QueueRulesApi {
  private final QueueRuleService queueRules;

  QueueRulesApi(QueueRuleService queueRules) {
    this.queueRules = queueRules;
  }

  void getQueueRules(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, queueRules.all());
  }

  void setPriorityRule(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, queueRules.set(ctx.pathParam("serviceCode"), ctx.body().asJsonObject(), by.name()));
  }

  void setHallQueueRules(RoutingContext ctx) {
    var by = Access.manager(ctx);
    Replies.json(ctx, queueRules.setHall(ctx.body().asJsonObject(), by.name()));
  }

  void listRuleChanges(RoutingContext ctx) {
    Access.manager(ctx);
    Replies.json(ctx, queueRules.changes());
  }
}
