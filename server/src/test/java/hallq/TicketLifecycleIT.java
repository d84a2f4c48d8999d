package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.Reply;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TicketLifecycleIT extends HallTest {
  private String clerk1;

  @BeforeEach
  void signIn() {
    clerk1 = hall.clerk(1);
  }

  @Test
  @DisplayName("取号、叫号、开始办理、办结：每一步由服务器计时并写入事件")
  void issueCallStartFinishRecordsTimesAndEvents() {
    JsonObject issued = hall.issue("SOCIAL_INSURANCE");
    assertEquals("A001", issued.getString("number"));
    assertEquals("WAITING", issued.getString("status"));

    hall.clock.advance(Duration.ofMinutes(7));
    Reply called = hall.counterOp(1, "call-next", clerk1);
    assertEquals(200, called.status(), called.toString());
    assertEquals("CALLED", called.ticket().getString("status"));
    assertEquals(1, called.ticket().getInteger("counterNo"));
    assertEquals(420, called.ticket().getLong("waitSeconds"));

    Reply recalled = hall.counterOp(1, "recall", clerk1);
    assertEquals(1, recalled.ticket().getInteger("recallCount"));

    hall.clock.advance(Duration.ofSeconds(30));
    assertEquals("SERVING", hall.counterOp(1, "start", clerk1).ticket().getString("status"));
    hall.clock.advance(Duration.ofMinutes(9));
    Reply finished = hall.counterOp(1, "finish", clerk1);
    assertEquals("FINISHED", finished.ticket().getString("status"));
    assertEquals(540, finished.ticket().getLong("serviceSeconds"));

    Reply status = hall.api.get("/api/v1/tickets/" + issued.getString("id"), null);
    assertEquals("FINISHED", status.ticket().getString("status"));
    assertEquals(List.of("TICKET_ISSUED", "TICKET_CALLED", "TICKET_RECALLED", "SERVICE_STARTED", "SERVICE_FINISHED"),
        hall.eventTypes(issued.getString("id")));
  }

  @Test
  @DisplayName("非法的状态转换返回 409，状态不变")
  void invalidTransitionsAreRefusedWith409() {
    assertEquals("NO_CURRENT_TICKET", hall.counterOp(1, "finish", clerk1).errorCode());
    assertEquals("NO_CURRENT_TICKET", hall.counterOp(1, "start", clerk1).errorCode());
    assertEquals("NO_CURRENT_TICKET", hall.counterOp(1, "recall", clerk1).errorCode());
    assertEquals("NO_CURRENT_TICKET", hall.counterOp(1, "no-show", clerk1).errorCode());

    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    hall.issue("SOCIAL_INSURANCE");
    hall.counterOp(1, "call-next", clerk1);
    Reply finishCalled = hall.counterOp(1, "finish", clerk1);
    assertEquals(409, finishCalled.status());
    assertEquals("INVALID_TRANSITION", finishCalled.errorCode());
    Reply busy = hall.counterOp(1, "call-next", clerk1);
    assertEquals(409, busy.status());
    assertEquals("COUNTER_BUSY", busy.errorCode());

    hall.counterOp(1, "start", clerk1);
    assertEquals("INVALID_TRANSITION", hall.counterOp(1, "no-show", clerk1).errorCode());
    assertEquals("INVALID_TRANSITION", hall.counterOp(1, "recall", clerk1).errorCode());
    assertEquals("INVALID_TRANSITION", hall.asCitizen(ticket, "cancel", null).errorCode());
    assertEquals("SERVING", hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).ticket().getString("status"));
    assertEquals(3, hall.eventTypes(ticket.getString("id")).size(), "refused operations write no events");
  }

  @Test
  @DisplayName("过号的市民可以按规则重新排队一次，排到队尾")
  void noShowMayBeRequeuedOnceToTheBack() {
    JsonObject late = hall.issue("SOCIAL_INSURANCE");
    hall.clock.advance(Duration.ofMinutes(1));
    JsonObject next = hall.issue("SOCIAL_INSURANCE");
    String manager = hall.manager();

    hall.counterOp(1, "call-next", clerk1);
    Reply noShow = hall.counterOp(1, "no-show", clerk1);
    assertEquals("NO_SHOW", noShow.ticket().getString("status"));

    hall.clock.advance(Duration.ofMinutes(1));
    Reply requeued = hall.api.post("/api/v1/tickets/" + late.getString("id") + "/requeue", manager);
    assertEquals(200, requeued.status(), requeued.toString());
    assertEquals("WAITING", requeued.ticket().getString("status"));
    assertEquals(1, requeued.body().getInteger("ahead"), "the requeued ticket waits behind the one issued after it");

    assertEquals(next.getString("id"), hall.counterOp(1, "call-next", clerk1).ticket().getString("id"));
    hall.counterOp(1, "start", clerk1);
    hall.counterOp(1, "finish", clerk1);
    assertEquals(late.getString("id"), hall.counterOp(1, "call-next", clerk1).ticket().getString("id"));
    hall.counterOp(1, "no-show", clerk1);
    Reply again = hall.api.post("/api/v1/tickets/" + late.getString("id") + "/requeue", manager);
    assertEquals(409, again.status());
    assertEquals("REQUEUE_LIMIT", again.errorCode());
    assertEquals("INVALID_TRANSITION", hall.api.post("/api/v1/tickets/" + next.getString("id") + "/requeue", manager).errorCode());
  }

  @Test
  @DisplayName("取消：等候中或已叫号的票可以取消，取消后不会再被叫到")
  void cancelledTicketsAreNeverCalled() {
    JsonObject first = hall.issue("SOCIAL_INSURANCE");
    JsonObject second = hall.issue("SOCIAL_INSURANCE");
    Reply withoutKey = hall.api.post("/api/v1/tickets/" + first.getString("id") + "/cancel", null);
    assertEquals(403, withoutKey.status(), "the ticket id alone does not let anyone act as the citizen");
    assertEquals("WRONG_TICKET_KEY", withoutKey.errorCode());
    Reply cancelled = hall.asCitizen(first, "cancel", null);
    assertEquals("CANCELLED", cancelled.ticket().getString("status"));
    assertEquals("INVALID_TRANSITION", hall.asCitizen(first, "cancel", null).errorCode());

    Reply called = hall.counterOp(1, "call-next", clerk1);
    assertEquals(second.getString("id"), called.ticket().getString("id"));
    assertEquals("CANCELLED", hall.api.post("/api/v1/tickets/" + second.getString("id") + "/cancel", hall.manager()).ticket().getString("status"));
    assertNull(hall.api.get("/api/v1/counters/1", clerk1).ticket(), "a cancelled ticket frees its counter");
    assertNull(hall.counterOp(1, "call-next", clerk1).ticket());
  }

  @Test
  @DisplayName("转办：保留号码和到达时间，在新业务的队列里等候")
  void transferKeepsNumberAndArrival() {
    String clerk7 = hall.clerk(7);
    hall.issue("HOUSING_FUND");
    hall.clock.advance(Duration.ofMinutes(5));
    JsonObject ticket = hall.issue("SOCIAL_INSURANCE");
    hall.counterOp(1, "call-next", clerk1);
    hall.counterOp(1, "start", clerk1);
    hall.clock.advance(Duration.ofMinutes(4));

    Reply transfer = hall.api.post("/api/v1/counters/1/transfer", clerk1, new JsonObject().put("serviceCode", "HOUSING_FUND"));
    assertEquals(200, transfer.status(), transfer.toString());
    assertEquals("TRANSFERRED", transfer.ticket().getString("status"));
    JsonObject moved = transfer.body().getJsonObject("transferredTo");
    assertEquals("A001", moved.getString("number"));
    assertEquals("HOUSING_FUND", moved.getString("serviceCode"));
    assertEquals("WAITING", moved.getString("status"));
    assertEquals(ticket.getString("issuedAt"), moved.getString("issuedAt"));
    assertNotEquals(ticket.getString("id"), moved.getString("id"));
    assertNull(hall.api.get("/api/v1/counters/1", clerk1).ticket(), "the counter is free after a transfer");
    assertEquals(moved.getString("id"), hall.api.get("/api/v1/tickets/" + ticket.getString("id"), null).body().getString("transferredTo"),
        "the citizen's page can follow to the new ticket");

    Reply atHousingFund = hall.counterOp(7, "call-next", clerk7);
    assertEquals("C001", atHousingFund.ticket().getString("number"), "the transfer keeps its arrival time, behind the earlier C001");
    hall.counterOp(7, "start", clerk7);
    hall.counterOp(7, "finish", clerk7);
    assertEquals(moved.getString("id"), hall.counterOp(7, "call-next", clerk7).ticket().getString("id"));
    assertEquals("INVALID_FIELD", hall.api.post("/api/v1/counters/7/transfer", clerk7,
        new JsonObject().put("serviceCode", "NO_SUCH_SERVICE")).errorCode());
  }

  @Test
  @DisplayName("暂停的窗口不叫号，恢复后继续")
  void pausedCounterCallsNoOne() {
    hall.issue("SOCIAL_INSURANCE");
    Reply paused = hall.counterOp(1, "pause", clerk1);
    assertEquals(true, paused.body().getBoolean("paused"));
    Reply refused = hall.counterOp(1, "call-next", clerk1);
    assertEquals(409, refused.status());
    assertEquals("COUNTER_PAUSED", refused.errorCode());
    assertEquals(true, hall.api.get("/api/v1/counters/1", clerk1).body().getBoolean("paused"));

    assertEquals(false, hall.counterOp(1, "resume", clerk1).body().getBoolean("paused"));
    assertEquals("A001", hall.counterOp(1, "call-next", clerk1).ticket().getString("number"));
  }

  @Test
  @DisplayName("取号后可查询前面还有几人和预计等候时间")
  void ticketStatusShowsPositionAndEstimate() {
    hall.issue("REAL_ESTATE");
    hall.issue("REAL_ESTATE");
    JsonObject third = hall.issue("REAL_ESTATE");
    Reply status = hall.api.get("/api/v1/tickets/" + third.getString("id"), null);
    assertEquals(2, status.body().getInteger("ahead"));
    // Counters 4, 5, 6 and 12 call 不动产登记 (standard 20 minutes, so 15–30 without history) and nothing else waits:
    // 2 ahead × 15 / 4 open counters = 7.5 → 7 at best, 3 × 30 / 4 = 22.5 → 23 at worst.
    assertEquals(new JsonObject().put("minMinutes", 7).put("maxMinutes", 23), status.body().getJsonObject("estimatedWait"));

    JsonObject elderly = hall.issue("REAL_ESTATE", "ELDERLY");
    assertEquals(0, hall.api.get("/api/v1/tickets/" + elderly.getString("id"), null).body().getInteger("ahead"));
    assertEquals(3, hall.api.get("/api/v1/tickets/" + third.getString("id"), null).body().getInteger("ahead"));

    Reply overview = hall.api.get("/api/v1/queue", TestHall.DISPLAY);
    assertEquals(200, overview.status(), overview.toString());
    JsonObject realEstate = overview.body().getJsonArray("services").getJsonObject(1);
    assertEquals("REAL_ESTATE", realEstate.getString("serviceCode"));
    assertEquals(4, realEstate.getLong("waiting"));
    assertEquals(1, realEstate.getLong("waitingPriority"));
    hall.clock.advance(Duration.ofMinutes(3));
    assertEquals(180, hall.api.get("/api/v1/queue", TestHall.DISPLAY).body().getLong("longestWaitSeconds"));
  }

}
