package hallq.rating;

import hallq.DomainException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A citizen's 好差评 of one finished ticket: score 5 非常满意 … 1 非常不满意; a low score from the
 * evaluation pad may carry the reason the citizen picked.
 */
public record Rating(UUID ticketId, int counterNo, int score, String comment, Reason reason, Channel channel, Instant ratedAt) {

  /** Where the rating was given. */
  public enum Channel { TICKET_PAGE, COUNTER_SCREEN, EVALUATION_PAD }

  /** Why a score of 2 or less: 等候时间长, 办事效率低, 服务态度差, 业务不熟练, 其他. */
  public enum Reason { LONG_WAIT, LOW_EFFICIENCY, POOR_ATTITUDE, UNFAMILIAR_WITH_BUSINESS, OTHER }

  /** The highest score that counts as low (差评) and may carry a reason. */
  public static final int MAX_LOW_SCORE = 2;

  /**
   * A low score (差评) on a screen must say why: a reason from the list, or a written comment.
   *
   * @throws DomainException 400 on {@code reason}
   */
  public static void requireReason(int score, Reason reason, String comment) {
    if (score <= MAX_LOW_SCORE && reason == null && (comment == null || comment.isBlank())) {
      throw DomainException.invalid("reason", "a score of " + score + " needs a reason (pick one or write a comment)");
    }
    if (score > MAX_LOW_SCORE && reason != null) {
      throw DomainException.invalid("reason", "only a score of " + MAX_LOW_SCORE + " or less carries a reason");
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("ticketId", ticketId.toString())
        .put("counterNo", counterNo)
        .put("score", score)
        .put("comment", comment)
        .put("reason", reason == null ? null : reason.name())
        .put("channel", channel.name())
        .put("ratedAt", ratedAt.toString());
  }
}
