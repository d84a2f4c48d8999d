package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.support.Api;
import hallq.support.HallTest;
import hallq.support.SseClient;
import hallq.support.SseClient.Event;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventStreamIT extends HallTest {
  private static final String EVENTS = "/api/v1/events";
  private static final Duration QUIET = Duration.ofMillis(400);

  @Test
  @DisplayName("新连接先收到快照，然后实时收到取号和叫号事件")
  void newClientGetsSnapshotThenLiveEvents(Vertx vertx) {
    hall.issue("REAL_ESTATE");
    try (SseClient sse = open(vertx, EVENTS, TestHall.DISPLAY, null)) {
      Event snapshot = sse.next();
      assertEquals("snapshot", snapshot.type());
      assertEquals(1, snapshot.json().getLong("waiting"));

      hall.issue("SOCIAL_INSURANCE");
      Event issued = sse.next();
      assertEquals("TICKET_ISSUED", issued.type());
      assertEquals("A001", issued.payload().getString("number"));
      assertTrue(issued.id() > snapshot.id(), "events after the snapshot have larger ids");

      hall.counterOp(1, "call-next", hall.clerk(1));
      Event called = sse.next();
      assertEquals("TICKET_CALLED", called.type());
      assertEquals(1, called.json().getInteger("counterNo"));
      assertEquals("A001", called.payload().getString("number"));
    }
  }

  @Test
  @DisplayName("断线重连带 Last-Event-ID：补发断线期间的全部事件，不多不少")
  void reconnectResumesAfterTheLastEventSeen(Vertx vertx) throws InterruptedException {
    String clerk = hall.clerk(1);
    long lastSeen;
    try (SseClient sse = open(vertx, EVENTS, TestHall.DISPLAY, null)) {
      sse.next();
      hall.issue("SOCIAL_INSURANCE");
      lastSeen = sse.next().id();
    }
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("CONSULTATION");
    hall.counterOp(1, "call-next", clerk);
    hall.counterOp(1, "pause", clerk);

    try (SseClient sse = open(vertx, EVENTS, TestHall.DISPLAY, String.valueOf(lastSeen))) {
      List<Event> missed = Stream.generate(sse::next).limit(4).toList();
      assertEquals(List.of("TICKET_ISSUED", "TICKET_ISSUED", "TICKET_CALLED", "COUNTER_PAUSED"),
          missed.stream().map(Event::type).toList());
      assertEquals(List.of("A002", "F001", "A001"),
          missed.subList(0, 3).stream().map(e -> e.payload().getString("number")).toList());
      assertTrue(missed.get(0).id() > lastSeen);
      assertNull(sse.poll(QUIET), "nothing is sent twice");

      hall.counterOp(1, "resume", clerk);
      assertEquals("COUNTER_RESUMED", sse.next().type(), "and the stream goes on live");
    }
  }

  @Test
  @DisplayName("并发取号时断线重连：每个事件恰好收到一次，按顺序，一个不少")
  void concurrentWritesWithAReconnectMissNothing(Vertx vertx) throws InterruptedException {
    int tickets = 200;
    int beforeDrop = 50;
    List<Long> received = new ArrayList<>();
    Future<?> issuing;
    try (SseClient sse = open(vertx, EVENTS, TestHall.DISPLAY, null)) {
      assertEquals("snapshot", sse.next().type());
      issuing = Future.all(IntStream.range(0, tickets)
          .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK,
              new JsonObject().put("serviceCode", i % 2 == 0 ? "SOCIAL_INSURANCE" : "CONSULTATION")))
          .toList());
      Stream.generate(sse::next).limit(beforeDrop).forEach(e -> received.add(e.id()));
    }
    Api.await(issuing);
    try (SseClient sse = open(vertx, EVENTS, TestHall.DISPLAY, String.valueOf(received.get(received.size() - 1)))) {
      Stream.generate(sse::next).limit(tickets - beforeDrop).forEach(e -> received.add(e.id()));
      assertNull(sse.poll(QUIET), "no event twice");
    }
    List<Long> logged = new ArrayList<>();
    Api.await(hall.db.query("SELECT position FROM ticket_event ORDER BY position").execute()).forEach(row -> logged.add(row.getLong(0)));
    assertEquals(logged, received, "every committed event, once, in position order");
  }

  @Test
  @DisplayName("快照与其后的事件不重不漏：快照等候数加上后续取号事件恰好等于实际等候数")
  void snapshotAndFollowingEventsAddUpExactly(Vertx vertx) throws InterruptedException {
    int tickets = 120;
    Future<?> issuing = Future.all(IntStream.range(0, tickets)
        .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK, new JsonObject().put("serviceCode", "HOUSING_FUND")))
        .toList());
    try (SseClient sse = open(vertx, EVENTS, TestHall.DISPLAY, null)) {
      Event snapshot = sse.next();
      assertEquals("snapshot", snapshot.type());
      Api.await(issuing);
      long inSnapshot = snapshot.json().getLong("waiting");
      long after = tickets - inSnapshot;
      List<Event> following = Stream.generate(sse::next).limit(after).toList();
      assertTrue(following.stream().allMatch(e -> e.type().equals("TICKET_ISSUED") && e.id() > snapshot.id()));
      assertEquals(hall.count("SELECT max(position) FROM ticket_event"), following.isEmpty() ? snapshot.id() : following.get(following.size() - 1).id(),
          "the last event seen is the last one logged: nothing was counted twice or left out");
      assertNull(sse.poll(QUIET), "and no event beyond them");
    }
  }

  @Test
  @DisplayName("窗口屏只收到本窗口的事件")
  void counterScreenSeesOnlyItsCounter(Vertx vertx) throws InterruptedException {
    try (SseClient sse = open(vertx, EVENTS + "?counterNo=2", TestHall.DISPLAY, null)) {
      assertEquals("snapshot", sse.next().type());
      hall.issue("SOCIAL_INSURANCE");
      hall.issue("SOCIAL_INSURANCE");
      hall.counterOp(1, "call-next", hall.clerk(1));
      hall.counterOp(2, "call-next", hall.clerk(2));
      Event called = sse.next();
      assertEquals("TICKET_CALLED", called.type());
      assertEquals(2, called.json().getInteger("counterNo"));
      assertEquals("A002", called.payload().getString("number"));
      assertNull(sse.poll(QUIET));
    }
  }

  @Test
  @DisplayName("落后太多的客户端改收一份新快照")
  void clientTooFarBehindGetsAFreshSnapshot(Vertx vertx) {
    try (TestHall small = TestHall.start(vertx, raw -> raw.getJsonObject("push").put("maxBacklog", 5))) {
      for (int i = 0; i < 7; i++) {
        small.issue("HOUSING_FUND");
      }
      try (SseClient sse = SseClient.open(vertx, small.server.port(), EVENTS, TestHall.DISPLAY, "0")) {
        Event snapshot = sse.next();
        assertEquals("snapshot", snapshot.type());
        assertEquals(7, snapshot.json().getLong("waiting"));
        assertEquals(small.count("SELECT max(position) FROM ticket_event"), snapshot.id());
      }
      long fourBehind = small.count("SELECT max(position) FROM ticket_event") - 4;
      try (SseClient sse = SseClient.open(vertx, small.server.port(), EVENTS, TestHall.DISPLAY, String.valueOf(fourBehind))) {
        assertEquals(List.of("C004", "C005", "C006", "C007"),
            Stream.generate(sse::next).limit(4).map(e -> e.payload().getString("number")).toList());
      }
    }
  }

  @Test
  @DisplayName("另一台服务器实例上的操作也会推送过来（LISTEN/NOTIFY）")
  void eventsOfAnotherServerInstanceArrive(Vertx vertx) {
    try (TestHall second = TestHall.start(vertx, hall.config);
         SseClient sse = SseClient.open(vertx, second.server.port(), EVENTS, TestHall.DISPLAY, null)) {
      assertEquals("snapshot", sse.next().type());
      hall.issue("BUSINESS_SETUP");
      Event issued = sse.next();
      assertEquals("TICKET_ISSUED", issued.type());
      assertEquals("E001", issued.payload().getString("number"));
      // Counter 12 serves 企业开办: a call made on the first instance shows on the second's displays.
      assertEquals(200, hall.counterOp(12, "call-next", hall.clerk(12)).status());
      Event called = sse.next();
      assertEquals("TICKET_CALLED", called.type());
      assertEquals(12, called.json().getInteger("counterNo"));
      assertTrue(called.id() > issued.id());
    }
  }

  @Test
  @DisplayName("员工退出登录后，其推送连接在下一次心跳时结束")
  void streamEndsWhenItsSessionEnds(Vertx vertx) {
    try (TestHall quick = TestHall.start(vertx, raw -> raw.getJsonObject("push").put("heartbeatSeconds", 1))) {
      String manager = quick.manager();
      try (SseClient sse = SseClient.open(vertx, quick.server.port(), EVENTS, manager, null)) {
        assertEquals("snapshot", sse.next().type());
        assertEquals(204, quick.api.post("/api/v1/auth/logout", manager).status());
        Api.await(sse.ended());
      }
      try (SseClient display = SseClient.open(vertx, quick.server.port(), EVENTS, TestHall.DISPLAY, null)) {
        assertEquals("snapshot", display.next().type());
        assertThrows(TimeoutException.class, () -> display.ended().await(2500, TimeUnit.MILLISECONDS),
            "a device stream with a valid token lives on across heartbeats");
      }
    }
  }

  @Test
  @DisplayName("推送需要员工或设备令牌；浏览器可用 access_token 参数")
  void streamNeedsAToken(Vertx vertx) {
    try (SseClient viaQuery = open(vertx, EVENTS + "?access_token=" + TestHall.KIOSK, null, null)) {
      assertEquals(200, viaQuery.status());
      assertEquals("snapshot", viaQuery.next().type());
    }
    try (SseClient refused = open(vertx, EVENTS, null, null)) {
      assertEquals(401, refused.status());
      assertEquals("UNAUTHORIZED", refused.errorBody().getJsonObject("error").getString("code"));
    }
    try (SseClient badResume = open(vertx, EVENTS, TestHall.DISPLAY, "yesterday")) {
      assertEquals(400, badResume.status());
      assertEquals("Last-Event-ID", badResume.errorBody().getJsonObject("error").getString("field"));
    }
  }

  private SseClient open(Vertx vertx, String path, String token, String lastEventId) {
    return SseClient.open(vertx, hall.server.port(), path, token, lastEventId);
  }
}
