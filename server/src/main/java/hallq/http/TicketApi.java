package hallq.http;

import hallq.auth.Principal;
import hallq.queue.QueueService;
import hallq.queue.QueueService.Position;
import hallq.queue.Ticket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Tickets: issued by kiosks, read and cancelled by the citizen holding the id, requeued by staff. */
final class TicketApi {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final String CITIZEN = "citizen";

  private final QueueService queue;

  TicketApi(QueueService queue) {
    this.queue = queue;
  }

  void issueTicket(RoutingContext ctx) {
    Principal kiosk = Access.kiosk(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    queue.issueTicket(body.getString("serviceCode"), body.getString("priority"), key, kiosk.name())
        .onSuccess(issued -> Replies.json(ctx, issued.created() ? 201 : 200,
            queue.position(issued.ticket().id()).map(TicketApi::toJson)))
        .onFailure(ctx::fail);
  }

  void getTicket(RoutingContext ctx) {
    Replies.json(ctx, queue.position(ticketId(ctx)).map(TicketApi::toJson));
  }

  void cancelTicket(RoutingContext ctx) {
    Principal caller = Access.optional(ctx);
    Replies.json(ctx, queue.cancel(ticketId(ctx), caller == null ? CITIZEN : caller.name()).map(TicketApi::toJson));
  }

  void requeueTicket(RoutingContext ctx) {
    Principal staff = Access.staff(ctx);
    Replies.json(ctx, queue.requeue(ticketId(ctx), staff.name()).compose(t -> queue.position(t.id())).map(TicketApi::toJson));
  }

  static JsonObject toJson(Ticket ticket) {
    return new JsonObject().put("ticket", ticket.toJson());
  }

  private static JsonObject toJson(Position position) {
    return toJson(position.ticket())
        .put("ahead", position.ahead())
        .put("estimatedWaitMinutes", position.estimatedWaitMinutes());
  }

  private static UUID ticketId(RoutingContext ctx) {
    return UUID.fromString(ctx.pathParam("ticketId"));
  }
}
