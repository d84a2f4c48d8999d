package hallq.db;

import hallq.rating.Rating;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Ratings in PostgreSQL; the primary key on the ticket makes "one rating per ticket" a constraint. */
public final class PgRatingRepository {

  private static final String INSERT = """
      INSERT INTO rating (ticket_id, hall_id, counter_no, score, comment, reason, channel, rated_at, clerk,
                          efficiency, competence, attitude, recommend)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (ticket_id) DO NOTHING""";

  private static final String FIND = """
      SELECT ticket_id, counter_no, score, comment, reason, channel, rated_at, efficiency, competence, attitude, recommend
        FROM rating WHERE hall_id = $1 AND ticket_id = $2""";

  private final String hallId;

  public PgRatingRepository(String hallId) {
    this.hallId = hallId;
  }

  /** False if the ticket already had a rating (nothing is changed then). */
  public Future<Boolean> insert(SqlClient sql, Rating rating, String clerk) {
    Rating.SubScores sub = rating.subScores();
    Tuple params = Tuple.tuple()
        .addUUID(rating.ticketId())
        .addString(hallId)
        .addInteger(rating.counterNo())
        .addInteger(rating.score())
        .addString(rating.comment())
        .addString(rating.reason())
        .addString(rating.channel().name())
        .addOffsetDateTime(PgTicketRepository.time(rating.ratedAt()))
        .addString(clerk)
        .addInteger(sub == null ? null : sub.efficiency())
        .addInteger(sub == null ? null : sub.competence())
        .addInteger(sub == null ? null : sub.attitude())
        .addInteger(rating.recommend());
    return sql.preparedQuery(INSERT).execute(params).map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Rating>> find(SqlClient sql, UUID ticketId) {
    return sql.preparedQuery(FIND)
        .execute(Tuple.of(hallId, ticketId))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Row row = it.next();
          return Optional.of(new Rating(row.getUUID("ticket_id"), row.getInteger("counter_no"), row.getInteger("score"),
              row.getString("comment"), row.getString("reason"),
              Rating.SubScores.of(row.getInteger("efficiency"), row.getInteger("competence"), row.getInteger("attitude")),
              row.getInteger("recommend"), Rating.Channel.valueOf(row.getString("channel")), row.getOffsetDateTime("rated_at").toInstant()));
        });
  }

}
