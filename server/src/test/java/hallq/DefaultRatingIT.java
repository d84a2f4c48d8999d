package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.support.Api;
import hallq.support.TestHall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 默认评价 at its deadline: the tests' hall opens on Friday 2026-11-27 (Asia/Shanghai), so five
 * working days run over a weekend and, where configured, the holiday on Wednesday 2026-12-02.
 */
@ExtendWith(VertxExtension.class)
class DefaultRatingIT {

  @Test
  @DisplayName("5 个工作日（跨周末和节假日）未评价的默认“满意”：期限当天最后一秒不给，次日零点给；已评价和未办结的不动；默认评价单独标记，不计入报表，照常上报省平台")
  void notRatedWithinFiveWorkingDaysGetsSatisfiedByDefault(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx, rule("SATISFIED", 5, "WORKING_DAYS", "2026-12-02"))) {
      String clerk = hall.clerk(1);
      JsonObject silent = hall.finishedAtCounter1(clerk);
      JsonObject rated = hall.finishedAtCounter1(clerk);
      assertEquals(201, hall.asCitizen(rated, "rating", new JsonObject().put("score", 2).put("reason", "LONG_WAIT")).status());
      JsonObject waiting = hall.issue("SOCIAL_INSURANCE");

      // Last day to rate: Mon 30, Tue 1, (Wed 2 holiday), Thu 3, Fri 4, (weekend), Mon 7 December.
      hall.clock.set(Instant.parse("2026-12-07T15:59:59Z"));
      assertEquals(0, give(hall), "still 23:59:59 on the last day to rate");
      hall.clock.set(Instant.parse("2026-12-07T16:00:00Z"));
      assertEquals(1, give(hall), "midnight in the hall: the time to rate is over");
      assertEquals(0, give(hall), "given once");

      JsonObject rating = hall.api.get("/api/v1/tickets/" + silent.getString("id"), null).body().getJsonObject("rating");
      assertEquals(4, rating.getInteger("score"));
      assertEquals("DEFAULT", rating.getString("channel"));
      assertEquals("ALREADY_RATED", hall.asCitizen(silent, "rating", new JsonObject().put("score", 5)).errorCode());
      assertEquals(2, hall.api.get("/api/v1/tickets/" + rated.getString("id"), null).body().getJsonObject("rating").getInteger("score"));
      assertEquals(null, hall.api.get("/api/v1/tickets/" + waiting.getString("id"), null).body().getValue("rating"));
      List<String> events = hall.eventTypes(silent.getString("id"));
      assertEquals("TICKET_RATED", events.get(events.size() - 1));

      JsonObject record = outboxRecord(hall, silent);
      assertEquals(true, record.getBoolean("defaultRating"));
      assertEquals(4, record.getInteger("level"));
      assertEquals("满意", record.getString("levelName"));
      assertEquals("4", record.getString("channel"), "the configured code of DEFAULT");
      assertEquals("clerk01", record.getString("clerk"));
      assertEquals(false, outboxRecord(hall, rated).getBoolean("defaultRating"));

      JsonObject total = hall.api.get("/api/v1/reports?from=2026-11-27&to=2026-11-27&by=all", hall.manager()).body().getJsonObject("total");
      assertEquals(1L, total.getLong("ratings"), "the citizen's own rating only: " + total.encode());
    }
  }

  @Test
  @DisplayName("7 个自然日未评价的默认“基本满意”：期限按自然日，不看工作日")
  void notRatedWithinSevenDaysGetsBasicallySatisfied(Vertx vertx) {
    try (TestHall hall = TestHall.start(vertx, rule("BASICALLY_SATISFIED", 7, "DAYS", "2026-12-02"))) {
      JsonObject silent = hall.finishedAtCounter1(hall.clerk(1));
      hall.clock.set(Instant.parse("2026-12-04T15:59:59Z"));
      assertEquals(0, give(hall));
      hall.clock.set(Instant.parse("2026-12-04T16:00:00Z"));
      assertEquals(1, give(hall));
      assertEquals(3, hall.api.get("/api/v1/tickets/" + silent.getString("id"), null).body().getJsonObject("rating").getInteger("score"));
    }
  }

  @Test
  @DisplayName("规则为“不默认评价”时从不给默认评价；开启规则时，60 天以前的历史办件不补默认评价")
  void noDefaultWhenTheRuleSaysNoneNorForHistory(Vertx vertx) {
    try (TestHall none = TestHall.start(vertx, rule("NONE", 5, "WORKING_DAYS"))) {
      none.finishedAtCounter1(none.clerk(1));
      none.clock.advance(Duration.ofDays(30));
      assertEquals(0, give(none));
      assertEquals(0L, none.count("SELECT count(*) FROM rating"));
    }
    try (TestHall history = TestHall.start(vertx, rule("SATISFIED", 5, "WORKING_DAYS"))) {
      history.finishedAtCounter1(history.clerk(1));
      history.clock.advance(Duration.ofDays(70));
      assertEquals(0, give(history));
      assertEquals(0L, history.count("SELECT count(*) FROM rating"));
    }
  }

  private static int give(TestHall hall) {
    return Api.await(hall.server.defaultRatings().giveDue());
  }

  private static Consumer<JsonObject> rule(String level, int after, String unit, String... holidays) {
    return raw -> {
      raw.put("defaultRating", new JsonObject().put("level", level).put("after", after).put("unit", unit));
      raw.getJsonObject("followUp").put("holidays", new JsonArray(List.of((Object[]) holidays)));
    };
  }

  /** The provincial record of a ticket's first rating, as the outbox holds it. */
  private static JsonObject outboxRecord(TestHall hall, JsonObject ticket) {
    RowSet<Row> rows = Api.await(hall.db.preparedQuery("SELECT record FROM provincial_feed WHERE ticket_id = $1")
        .execute(Tuple.of(UUID.fromString(ticket.getString("id")))));
    return (JsonObject) rows.iterator().next().getValue("record");
  }
}
