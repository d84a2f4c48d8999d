package hallq.rating;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A citizen's 好差评 of one finished ticket: score 5 非常满意 … 1 非常不满意. */
public record Rating(UUID ticketId, int counterNo, int score, String comment, Channel channel, Instant ratedAt) {

  /** Where the rating was given. */
  public enum Channel { TICKET_PAGE, COUNTER_SCREEN, EVALUATION_PAD }

  public JsonObject toJson() {
    return new JsonObject()
        .put("ticketId", ticketId.toString())
        .put("counterNo", counterNo)
        .put("score", score)
        .put("comment", comment)
        .put("channel", channel.name())
        .put("ratedAt", ratedAt.toString());
  }
}
