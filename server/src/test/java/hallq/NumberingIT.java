package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NumberingIT extends HallTest {

  @Test
  @DisplayName("每个业务每天从 001 编号")
  void numbersRunPerServiceType() {
    assertEquals("A001", hall.issue("SOCIAL_INSURANCE").getString("number"));
    assertEquals("A002", hall.issue("SOCIAL_INSURANCE").getString("number"));
    assertEquals("B001", hall.issue("REAL_ESTATE").getString("number"));
    assertEquals("F001", hall.issue("CONSULTATION", "ELDERLY").getString("number"));
    assertEquals("A003", hall.issue("SOCIAL_INSURANCE").getString("number"));
  }

  @Test
  @DisplayName("按大厅时区过零点后重新编号，昨天没叫到的号今天不再叫")
  void numbersRestartAtMidnightInTheHallsTimeZone() {
    hall.clock.set(Instant.parse("2026-11-27T15:59:59Z"));
    JsonObject lateYesterday = hall.issue("SOCIAL_INSURANCE");
    assertEquals("A001", lateYesterday.getString("number"));
    assertEquals("2026-11-27", lateYesterday.getString("serviceDay"));
    assertEquals("A002", hall.issue("SOCIAL_INSURANCE").getString("number"));

    hall.clock.set(Instant.parse("2026-11-27T16:00:00Z"));
    JsonObject today = hall.issue("SOCIAL_INSURANCE");
    assertEquals("A001", today.getString("number"));
    assertEquals("2026-11-28", today.getString("serviceDay"));

    String clerk3 = hall.clerk(3);
    assertEquals(today.getString("id"), hall.counterOp(3, "call-next", clerk3).ticket().getString("id"));
    hall.counterOp(3, "start", clerk3);
    hall.counterOp(3, "finish", clerk3);
    assertNull(hall.counterOp(3, "call-next", clerk3).ticket(), "yesterday's waiting tickets are not called today");
  }

  @Test
  @DisplayName("取号机重试同一个幂等键，只出一张票，也不占用号码")
  void retryWithTheSameIdempotencyKeyReturnsTheSameTicket() {
    Reply first = issueWithKey("kiosk-1:20261127:0001");
    Reply retry = issueWithKey("kiosk-1:20261127:0001");
    assertEquals(201, first.status());
    assertEquals(200, retry.status());
    assertEquals(first.ticket().getString("id"), retry.ticket().getString("id"));
    assertEquals("A002", hall.issue("SOCIAL_INSURANCE").getString("number"));
    assertEquals("A003", issueWithKey("kiosk-1:20261127:0002").ticket().getString("number"));
    assertEquals(3L, hall.count("SELECT count(*) FROM ticket"));

    Reply reused = Api.await(hall.api.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK,
        new JsonObject().put("serviceCode", "REAL_ESTATE"), MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "kiosk-1:20261127:0001")));
    assertEquals(409, reused.status(), "the same key for another request is refused, not answered with the old ticket");
    assertEquals("IDEMPOTENCY_KEY_REUSED", reused.errorCode());
    assertEquals(3L, hall.count("SELECT count(*) FROM ticket"));
  }

  @Test
  @DisplayName("同一幂等键的并发重试只产生一张票")
  void concurrentRetriesMakeOneTicket() {
    List<Reply> replies = Api.await(Future.all(IntStream.range(0, 10)
            .mapToObj(i -> issueWithKeyAsync("kiosk-2:race"))
            .toList()))
        .list();
    Set<String> ids = replies.stream().map(r -> r.ticket().getString("id")).collect(Collectors.toSet());
    assertEquals(1, ids.size(), replies.toString());
    assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
    assertEquals(1L, hall.count("SELECT count(*) FROM ticket"));
    assertEquals("A002", hall.issue("SOCIAL_INSURANCE").getString("number"), "a lost race uses up no number");
  }

  @Test
  @DisplayName("并发取号：号码连续且不重复")
  void concurrentIssuesGetConsecutiveNumbers() {
    List<Reply> replies = Api.await(Future.all(IntStream.range(0, 60)
            .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", "HOUSING_FUND")))
            .toList()))
        .list();
    Set<String> numbers = replies.stream().map(r -> r.ticket().getString("number")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = IntStream.rangeClosed(1, 60).mapToObj(i -> String.format("C%03d", i)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, numbers);
  }

  @Test
  @DisplayName("同时到达的取号合并写入少数事务：号码、排队位置、事件与逐张取号相同")
  void kiosksAskingAtOnceShareTransactionsAndGetWhatTheyWouldOneByOne() {
    List<Reply> replies = Api.await(Future.all(IntStream.range(0, 60)
            .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK,
                new JsonObject().put("serviceCode", i % 2 == 0 ? "SOCIAL_INSURANCE" : "HOUSING_FUND")))
            .toList()))
        .list();
    for (Reply reply : replies) {
      assertEquals(201, reply.status(), reply.toString());
      int seq = Integer.parseInt(reply.ticket().getString("number").substring(1));
      assertEquals(seq - 1, reply.body().getInteger("ahead"), "everyone issued before, in number order, is ahead: " + reply);
    }
    Set<String> numbers = replies.stream().map(r -> r.ticket().getString("number")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(60, numbers.size());
    assertEquals(Set.of("A030", "C030"), numbers.stream().filter(n -> n.endsWith("030")).collect(Collectors.toSet()));
    assertEquals(60L, hall.count("SELECT count(*) FROM ticket_event WHERE type = 'TICKET_ISSUED'"));
    long transactions = hall.count("SELECT count(DISTINCT xmin::text) FROM ticket");
    assertTrue(transactions <= 30, "60 tickets were written by " + transactions + " transactions");
  }

  @Test
  @DisplayName("一组里有一张被拒，只拒这一张，其余照常合并出票且不跳号")
  void aRefusedRequestInAGroupFailsAloneAndUsesUpNoNumber() {
    issueWithKey("kiosk-1:used");
    List<Future<Reply>> sent = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sent.add(i == 15
          ? hall.api.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", "REAL_ESTATE"),
              MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "kiosk-1:used"))
          : issueWithKeyAsync("kiosk-1:new-" + i));
    }
    List<Reply> replies = Api.await(Future.all(sent)).list();
    assertEquals("IDEMPOTENCY_KEY_REUSED", replies.get(15).errorCode(), replies.get(15).toString());
    Set<String> numbers = new TreeSet<>();
    for (int i = 0; i < 30; i++) {
      if (i != 15) {
        assertEquals(201, replies.get(i).status(), replies.get(i).toString());
        numbers.add(replies.get(i).ticket().getString("number"));
      }
    }
    Set<String> expected = IntStream.rangeClosed(2, 30).mapToObj(i -> String.format("A%03d", i)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, numbers);
    assertEquals(30L, hall.count("SELECT count(*) FROM ticket"));
    long transactions = hall.count("SELECT count(DISTINCT xmin::text) FROM ticket WHERE idempotency_key LIKE 'kiosk-1:new-%'");
    assertTrue(transactions <= 15, "29 tickets with keys, as kiosks send them, were written by " + transactions + " transactions");
  }

  private Reply issueWithKey(String key) {
    return Api.await(issueWithKeyAsync(key));
  }

  private Future<Reply> issueWithKeyAsync(String key) {
    return hall.api.send(HttpMethod.POST, "/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", "SOCIAL_INSURANCE"),
        MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", key));
  }

}
