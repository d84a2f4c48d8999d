package hallq.rating;

import hallq.config.HallqConfig;
import hallq.config.HallqConfig.ServiceTypeConfig;
import hallq.queue.Ticket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;

/**
 * The record of one rating as the provincial 好差评 platform takes it (the fields are listed in the
 * README, "Provincial 好差评 feed"). Its {@code recordId} is the platform's key: the same rating is
 * always sent under the same id, so a platform can drop a record it took already.
 */
public final class ProvincialRecord {
  /** The national five levels, 5 … 1. */
  private static final List<String> LEVEL_NAMES = List.of("非常不满意", "不满意", "基本满意", "满意", "非常满意");

  private final HallqConfig config;
  private final ZoneId zone;

  public ProvincialRecord(HallqConfig config) {
    this.config = config;
    this.zone = config.hall().timeZone();
  }

  /** The first rating of a ticket: the citizen's own, or the default one the hall's rule gave. */
  public JsonObject firstRating(Ticket ticket, Rating rating, String clerk) {
    HallqConfig.ProvincialFeed feed = config.provincialFeed();
    ServiceTypeConfig service = config.serviceType(ticket.serviceCode()).orElseThrow();
    String window = config.counter(rating.counterNo()).map(HallqConfig.CounterConfig::name).orElse("");
    return new JsonObject()
        .put("recordId", recordId(ticket, "FIRST"))
        .put("caseNo", ticket.id().toString())
        .put("ticketNumber", ticket.number())
        .put("serviceDay", ticket.serviceDay().toString())
        .put("hallId", config.hall().id())
        .put("hallName", config.hall().name())
        .put("itemCode", service.itemCode())
        .put("itemName", service.name())
        .put("departmentCode", service.departmentCode().isEmpty() ? feed.departmentCode() : service.departmentCode())
        .put("departmentName", service.departmentName().isEmpty() ? feed.departmentName() : service.departmentName())
        .put("windowNo", rating.counterNo())
        .put("windowName", window)
        .put("clerk", clerk)
        .put("channel", feed.channelCodes().get(rating.channel().name()))
        .put("level", rating.score())
        .put("levelName", LEVEL_NAMES.get(rating.score() - 1))
        .put("detailCodes", rating.reason() == null ? new JsonArray() : new JsonArray().add(rating.reason()))
        .put("subScores", rating.subScores() == null ? null : rating.subScores().toJson())
        .put("comment", rating.comment())
        .put("ratedAt", rating.ratedAt().atZone(zone).toOffsetDateTime().toString())
        .put("ratingKind", "FIRST")
        .put("defaultRating", rating.channel() == Rating.Channel.DEFAULT);
  }

  private String recordId(Ticket ticket, String kind) {
    return config.hall().id() + ":" + ticket.id() + ":" + kind;
  }
}
