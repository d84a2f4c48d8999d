package hallq.http;

import hallq.auth.Principal;
import hallq.queue.CounterState;
import hallq.queue.QueueService;
import hallq.queue.Ticket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/** What a clerk does at a counter: call (next, or one out of order), recall, no-show, park, start, finish, transfer, pause, resume. */
final class CounterApi {
  private static final int WAITING_LIST_LIMIT = 50;

  private final QueueService queue;

  CounterApi(QueueService queue) {
    this.queue = queue;
  }

  void callNext(RoutingContext ctx) {
    onCounter(ctx, (no, actor) -> queue.callNext(no, actor).map(CounterState::toJson));
  }

  void callTicket(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    onCounter(ctx, (no, actor) -> queue.callTicket(no, body.getString("number"), reason(body), actor).map(CounterState::toJson));
  }

  void parkTicket(RoutingContext ctx) {
    JsonObject body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    onTicket(ctx, (no, actor) -> queue.park(no, body.getString("reason"), actor));
  }

  void listParkedAtCounter(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, queue.parkedAt(Replies.counterNo(ctx))
        .map(tickets -> new JsonObject().put("tickets", new JsonArray(tickets.stream().map(Ticket::toJson).toList()))));
  }

  /** A reason is written in words, not spaces. */
  private static String reason(JsonObject body) {
    String reason = body.getString("reason");
    if (reason == null || reason.isBlank()) {
      throw hallq.DomainException.invalid("reason", "say why this ticket is called out of order");
    }
    return reason.strip();
  }

  void recall(RoutingContext ctx) {
    onTicket(ctx, queue::recall);
  }

  void markNoShow(RoutingContext ctx) {
    onTicket(ctx, queue::markNoShow);
  }

  void startService(RoutingContext ctx) {
    onTicket(ctx, queue::startService);
  }

  void finishService(RoutingContext ctx) {
    JsonObject body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    onTicket(ctx, (no, actor) -> queue.finish(no, actor, body.getString("outcome")));
  }

  void transferTicket(RoutingContext ctx) {
    String serviceCode = ctx.body().asJsonObject().getString("serviceCode");
    onCounter(ctx, (no, actor) -> queue.transfer(no, serviceCode, actor).map(transfer -> new JsonObject()
        .put("counterNo", no)
        .put("ticket", transfer.from().toJson())
        .put("transferredTo", transfer.to().toJson())));
  }

  void listWaitingAtCounter(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, queue.waitingAt(Replies.counterNo(ctx), WAITING_LIST_LIMIT)
        .map(tickets -> new JsonObject().put("tickets", new JsonArray(tickets.stream().map(Ticket::toJson).toList()))));
  }

  void getCounterToday(RoutingContext ctx) {
    Access.staffOrDevice(ctx);
    Replies.json(ctx, queue.counterDay(Replies.counterNo(ctx)));
  }

  void pauseCounter(RoutingContext ctx) {
    onCounter(ctx, (no, actor) -> queue.pause(no, actor).map(CounterState::toJson));
  }

  void resumeCounter(RoutingContext ctx) {
    onCounter(ctx, (no, actor) -> queue.resume(no, actor).map(CounterState::toJson));
  }

  void requestRating(RoutingContext ctx) {
    onTicket(ctx, queue::requestRating);
  }

  private void onTicket(RoutingContext ctx, BiFunction<Integer, String, Future<Ticket>> operation) {
    onCounter(ctx, (no, actor) -> operation.apply(no, actor)
        .map(ticket -> new JsonObject().put("counterNo", no).put("ticket", ticket.toJson())));
  }

  private void onCounter(RoutingContext ctx, BiFunction<Integer, String, Future<JsonObject>> operation) {
    int counterNo = Replies.counterNo(ctx);
    Principal operator = Access.counterOperator(ctx, counterNo);
    Replies.json(ctx, operation.apply(counterNo, operator.name()));
  }
}
