package hallq.sms;

import hallq.config.HallqConfig;
import hallq.db.PgSmsRepository;
import hallq.db.PgSmsRepository.Message;
import hallq.outbox.OutboxSender;
import hallq.privacy.PersonalData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * Hands the SMS outbox's messages to the configured HTTP SMS gateway ({@link OutboxSender}): a JSON
 * {@code {messageId, mobile, text}} with the message id also in {@code X-Message-Id}, so a gateway may
 * drop a message it already took; never sent again once the gateway answered 2xx. The number is
 * opened only to be sent; the log and the manager's list show its mask.
 */
public final class SmsSender {
  private static final int FAILURES_SHOWN = 50;

  private final Pool pool;
  private final HallqConfig.Sms sms;
  private final PgSmsRepository messages;
  private final OutboxSender<Message> sender;

  private SmsSender(Vertx vertx, Pool pool, HallqConfig config) {
    this.pool = pool;
    this.sms = config.sms();
    this.messages = new PgSmsRepository(config.hall().id());
    String hallId = config.hall().id();
    String hallName = config.hall().name();
    PersonalData personal = config.privacy().data();
    // Without a key no number is ever stored (503 PRIVACY_KEY_MISSING), so there is nothing to send.
    HallqConfig.Sms settings = personal == null ? new HallqConfig.Sms("", "", sms.timeout(), sms.check(), sms.retryFirst(), sms.retryMax()) : sms;
    this.sender = OutboxSender.start(vertx, pool, settings, messages.outbox(), m -> new OutboxSender.Post("X-Message-Id",
            hallId + ":sms:" + m.id(),
            new JsonObject().put("messageId", hallId + ":sms:" + m.id()).put("mobile", personal.decrypt(m.phoneEncrypted()))
                .put("text", SmsText.of(hallName, m)).toBuffer(),
            "message " + m.id() + " (" + m.kind() + " " + m.ticketNumber() + ", to " + m.phoneMasked() + ")"),
        PersonalData::maskPhonesIn, "SMS");
  }

  /** Starts delivering when a gateway is configured; without one the outbox only holds the messages. */
  public static SmsSender start(Vertx vertx, Pool pool, HallqConfig config) {
    return new SmsSender(vertx, pool, config);
  }

  public Future<Void> stop() {
    return sender.stop();
  }

  /** The outbox as a manager sees it: whether a gateway is set (its host), the backlog, the failing messages (numbers masked). */
  public Future<JsonObject> status() {
    return pool.withConnection(sql -> messages.backlog(sql, FAILURES_SHOWN))
        .map(backlog -> backlog.put("configured", sms.configured()).put("gateway", sms.host()));
  }
}
