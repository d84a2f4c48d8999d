package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.support.Api;
import hallq.support.Reply;
import hallq.support.HallTest;
import hallq.support.TestHall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrentCallIT extends HallTest {
  private static final int TICKETS = 1_000;
  private static final int COUNTERS = 12;
  private static final List<String> SERVICES = List.of(
      "SOCIAL_INSURANCE", "REAL_ESTATE", "HOUSING_FUND", "HOUSEHOLD_ENTRY_EXIT", "BUSINESS_SETUP", "CONSULTATION");


  @Test
  @Timeout(180)
  @DisplayName("12 个窗口同时叫号，1000 张票每张恰好被叫一次")
  void twelveCountersCallingAtOnceCallEveryTicketExactlyOnce() {
    List<Reply> issued = Api.await(Future.all(IntStream.range(0, TICKETS)
            .mapToObj(i -> hall.api.postAsync("/api/v1/tickets", TestHall.KIOSK, new JsonObject()
                .put("serviceCode", SERVICES.get(i % SERVICES.size()))
                .put("priority", i % 10 == 0 ? "ELDERLY" : null)))
            .toList()))
        .list();
    assertEquals(TICKETS, issued.stream().filter(r -> r.status() == 201).count());

    List<String> tokens = IntStream.rangeClosed(1, COUNTERS).mapToObj(hall::clerk).toList();
    List<String> calledIds = Collections.synchronizedList(new ArrayList<>());
    Api.await(Future.all(IntStream.rangeClosed(1, COUNTERS)
        .mapToObj(no -> serveUntilEmpty(no, tokens.get(no - 1), calledIds))
        .toList()));

    assertEquals(TICKETS, calledIds.size(), "calls answered with a ticket");
    assertEquals(TICKETS, new HashSet<>(calledIds).size(), "no ticket was called twice");
    Set<String> issuedIds = new HashSet<>(issued.stream().map(r -> r.ticket().getString("id")).toList());
    assertEquals(issuedIds, new HashSet<>(calledIds), "every issued ticket was called");

    Row events = Api.await(hall.db.query(
        "SELECT count(*) AS calls, count(DISTINCT ticket_id) AS tickets FROM ticket_event WHERE type = 'TICKET_CALLED'").execute())
        .iterator().next();
    assertEquals(TICKETS, events.getLong("calls"));
    assertEquals(TICKETS, events.getLong("tickets"));
    long finished = Api.await(hall.db.query("SELECT count(*) FROM ticket WHERE status = 'FINISHED'").execute())
        .iterator().next().getLong(0);
    assertEquals(TICKETS, finished);
  }

  /** Call, start and finish in a loop until the counter finds no one waiting for its services. */
  private Future<Void> serveUntilEmpty(int counterNo, String token, List<String> calledIds) {
    String counter = "/api/v1/counters/" + counterNo;
    return hall.api.postAsync(counter + "/call-next", token, null).compose(called -> {
      if (called.status() != 200) {
        return Future.failedFuture("counter " + counterNo + " call-next: " + called);
      }
      if (called.ticket() == null) {
        return Future.succeededFuture();
      }
      calledIds.add(called.ticket().getString("id"));
      return hall.api.postAsync(counter + "/start", token, null)
          .compose(started -> hall.api.postAsync(counter + "/finish", token, null))
          .compose(finished -> finished.status() == 200
              ? serveUntilEmpty(counterNo, token, calledIds)
              : Future.failedFuture("counter " + counterNo + " finish: " + finished));
    });
  }
}
