package hallq.rating;

import hallq.DomainException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A citizen's 好差评 of one finished ticket: score 5 非常满意 … 1 非常不满意; a low score from the
 * evaluation pad may carry the reason the citizen picked. A screen may add the optional sub-scores
 * ({@code subScores}, null when none was given) and, where the hall asks it, the answer to the NPS
 * question ({@code recommend} 0..10, null when skipped or not asked).
 */
public record Rating(UUID ticketId, int counterNo, int score, String comment, String reason, SubScores subScores, Integer recommend,
    Channel channel, Instant ratedAt) {

  /** The NPS answer's scale: 0 (not at all likely to recommend) … 10 (extremely likely). */
  public static final int MAX_RECOMMEND = 10;

  public Rating {
    if (recommend != null && (recommend < 0 || recommend > MAX_RECOMMEND)) {
      throw DomainException.invalid("recommend", "must be 0 to " + MAX_RECOMMEND + ", not " + recommend);
    }
    if (recommend != null && channel == Channel.DEFAULT) {
      throw new IllegalArgumentException("a default rating answers no question");
    }
  }

  /** Where the rating was given; DEFAULT: not by the citizen, but by the hall's rule once the time to rate ran out. */
  public enum Channel { TICKET_PAGE, COUNTER_SCREEN, EVALUATION_PAD, DEFAULT }


  /**
   * The optional sub-scores of the national 好差评 record, each 1..5 or null: 服务效率 (efficiency),
   * 服务水平 (competence), 服务态度 (attitude).
   */
  public record SubScores(Integer efficiency, Integer competence, Integer attitude) {

    public SubScores {
      requireOneToFive("efficiency", efficiency);
      requireOneToFive("competence", competence);
      requireOneToFive("attitude", attitude);
    }

    /** Null when none of the three was given, so a rating without sub-scores stores and shows none. */
    public static SubScores of(Integer efficiency, Integer competence, Integer attitude) {
      return efficiency == null && competence == null && attitude == null ? null : new SubScores(efficiency, competence, attitude);
    }

    public static SubScores fromJson(JsonObject json) {
      return json == null ? null : of(json.getInteger("efficiency"), json.getInteger("competence"), json.getInteger("attitude"));
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("efficiency", efficiency)
          .put("competence", competence)
          .put("attitude", attitude);
    }

    private static void requireOneToFive(String name, Integer value) {
      if (value != null && (value < 1 || value > 5)) {
        throw DomainException.invalid("subScores." + name, "must be 1 to 5, not " + value);
      }
    }
  }

  /** The highest score that counts as low (差评) and may carry a reason. */
  public static final int MAX_LOW_SCORE = 2;

  /**
   * A low score (差评) on a screen must say why: a reason from the list, or a written comment.
   *
   * @throws DomainException 400 on {@code reason}
   */
  public static void requireReason(int score, String reason, String comment, Set<String> configured) {
    if (reason != null && !configured.contains(reason)) {
      throw DomainException.invalid("reason", "must be one of the hall's reasons " + configured);
    }
    if (score <= MAX_LOW_SCORE && reason == null && (comment == null || comment.isBlank())) {
      throw DomainException.invalid("reason", "a score of " + score + " needs a reason (pick one or write a comment)");
    }
    if (score > MAX_LOW_SCORE && reason != null) {
      throw DomainException.invalid("reason", "only a score of " + MAX_LOW_SCORE + " or less carries a reason");
    }
  }

  /** The payload of a ticket's TICKET_RATED event, however the rating was given. */
  public JsonObject ratedEvent(String number, String serviceCode) {
    return new JsonObject().put("number", number).put("serviceCode", serviceCode).put("score", score).put("channel", channel.name());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("ticketId", ticketId.toString())
        .put("counterNo", counterNo)
        .put("score", score)
        .put("comment", comment)
        .put("reason", reason)
        .put("subScores", subScores == null ? null : subScores.toJson())
        .put("recommend", recommend)
        .put("channel", channel.name())
        .put("ratedAt", ratedAt.toString());
  }
}
