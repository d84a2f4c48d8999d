package hallq.http;

import hallq.DomainException;
import hallq.auth.Principal;
import hallq.config.HallqConfig.DeviceType;
import hallq.db.GroupCommit;
import hallq.queue.QueueService;
import hallq.queue.QueueService.IssueRequest;
import hallq.queue.QueueService.Issued;
import hallq.queue.QueueService.Position;
import hallq.queue.Ticket;
import hallq.queue.TicketPage;
import hallq.rating.Rating;
import hallq.rating.RatingForm;
import hallq.rating.RatingService;
import hallq.sms.TicketContacts;
import hallq.standards.StandardsService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** Tickets: issued by kiosks, read and cancelled by the citizen holding the id, requeued by staff. */
final class TicketApi {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String TICKET_KEY = "Ticket-Key";

  private final Vertx vertx;
  private final QueueService queue;
  private final GroupCommit<IssueRequest, Issued> issuer;
  private final RatingService ratings;
  private final StandardsService standards;
  private final TicketContacts contacts;
  private final String publicBaseUrl;

  TicketApi(Vertx vertx, QueueService queue, RatingService ratings, StandardsService standards, TicketContacts contacts, String publicBaseUrl) {
    this.vertx = vertx;
    this.contacts = contacts;
    this.queue = queue;
    this.issuer = queue.ticketIssuer();
    this.ratings = ratings;
    this.standards = standards;
    this.publicBaseUrl = publicBaseUrl;
  }

  void issueTicket(RoutingContext ctx) {
    Principal kiosk = Access.kiosk(ctx);
    JsonObject body = ctx.body().asJsonObject();
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    issuer.submit(queue.issueRequest(body.getString("serviceCode"), body.getString("priority"), key, kiosk.name()))
        .onSuccess(issued -> Replies.json(ctx, issued.created() ? 201 : 200, Future.succeededFuture(issuedJson(issued, publicBaseUrl))))
        .onFailure(ctx::fail);
  }

  /** A ticket as its kiosk gets it: where it stands, and the key and link of its QR code. */
  static JsonObject issuedJson(Issued issued, String publicBaseUrl) {
    return toJson(issued.position())
        .put("citizenKey", issued.citizenKey())
        .put("ticketPageUrl", TicketPage.url(publicBaseUrl, issued.ticket().id(), issued.citizenKey()));
  }

  /**
   * The ticket's page: where it stands, its rating once given, the materials its service asks the citizen to
   * bring, and when to alert the citizen (near-call threshold, the masked number SMS go to).
   */
  void getTicket(RoutingContext ctx) {
    UUID id = ticketId(ctx);
    // Phones poll this: the reads that need only the id run beside the position, not one after another.
    Future<Optional<Rating>> rating = ratings.find(id);
    Future<JsonObject> nearCall = contacts.nearCall(id);
    Replies.json(ctx, queue.position(id).compose(position -> standards.requiredMaterials(position.ticket().serviceCode())
        .compose(materials -> Future.all(rating, nearCall).map(both -> toJson(position)
            .put("rating", rating.result().map(Rating::toJson).orElse(null))
            .put("requiredMaterials", new JsonArray(materials))
            .put("nearCall", nearCall.result())))));
  }

  /** 短信提醒: the citizen leaves a mobile number for the ticket's reminders, with the key of its QR link. */
  void setTicketContact(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Replies.json(ctx, contacts.setByCitizen(ticketId(ctx), ctx.request().getHeader(TICKET_KEY), body.getString("mobile")));
  }

  /** The QR code printed on the ticket and shown at the kiosk: it opens this ticket's page, key included. */
  void getTicketQr(RoutingContext ctx) {
    Access.kiosk(ctx);
    UUID id = ticketId(ctx);
    QrPng.reply(vertx, ctx, queue.citizenKey(id).map(key -> ticketPageUrl(id, key)));
  }

  /**
   * The citizen rates a finished ticket from its page (with the key of its QR link), or at the
   * counter screen (a display device) shortly after service. Staff never rate.
   */
  void rateTicket(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Principal caller = Access.optional(ctx);
    UUID id = ticketId(ctx);
    RatingForm form = RatingForm.fromJson(body);
    Future<Rating> rated;
    if (caller == null) {
      rated = ratings.rateByCitizen(id, ctx.request().getHeader(TICKET_KEY), form);
    } else if (caller.is(DeviceType.DISPLAY)) {
      rated = ratings.rateAtCounterScreen(id, caller.name(), form);
    } else {
      throw DomainException.forbidden("FORBIDDEN", "ratings come from the citizen, on the ticket page or the counter screen");
    }
    Replies.json(ctx, 201, rated.map(rating -> new JsonObject().put("rating", rating.toJson())));
  }

  private String ticketPageUrl(UUID id, String citizenKey) {
    return TicketPage.url(publicBaseUrl, id, citizenKey);
  }

  /** Staff cancel any ticket; a citizen cancels their own with the key of its QR link. */
  void cancelTicket(RoutingContext ctx) {
    Principal caller = Access.optional(ctx);
    if (caller != null) {
      Replies.json(ctx, queue.cancel(ticketId(ctx), Access.staff(ctx).name()).map(TicketApi::toJson));
    } else {
      Replies.json(ctx, queue.cancelByCitizen(ticketId(ctx), ctx.request().getHeader(TICKET_KEY)).map(TicketApi::toJson));
    }
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
        .put("estimatedWait", position.estimatedWait() == null ? null : position.estimatedWait().toJson())
        .put("transferredTo", position.transferredTo() == null ? null : position.transferredTo().toString());
  }

  private static UUID ticketId(RoutingContext ctx) {
    return UUID.fromString(ctx.pathParam("ticketId"));
  }
}
