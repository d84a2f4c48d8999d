package hallq.rating;

import io.vertx.core.json.JsonObject;

/**
 * What a citizen fills in on a screen to rate a ticket: the score, the reason and comment a low
 * score needs, the optional sub-scores and the optional NPS answer ({@code recommend}).
 */
public record RatingForm(int score, String reason, String comment, Rating.SubScores subScores, Integer recommend) {

  /** The body of {@code POST /tickets/{id}/rating}, its types already checked against the contract. */
  public static RatingForm fromJson(JsonObject body) {
    return new RatingForm(body.getInteger("score"), body.getString("reason"), body.getString("comment"),
        Rating.SubScores.fromJson(body.getJsonObject("subScores")), body.getInteger("recommend"));
  }
}
