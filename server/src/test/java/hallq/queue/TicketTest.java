package hallq.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TicketTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

  @Test
  @DisplayName("取号 → 叫号 → 开始办理 → 办结，每一步记录时间")
  void issueCallStartFinishRecordsTimes() {
    Ticket issued = Ticket.issue("SOCIAL_INSURANCE", "A", DAY, 7, "ELDERLY", T0);
    assertEquals("A007", issued.number());
    assertEquals(TicketStatus.WAITING, issued.status());
    assertEquals(T0, issued.issuedAt());
    assertEquals(T0, issued.queuedAt());
    assertEquals(T0, issued.rankAt());
    assertNull(issued.counterNo());
    assertNull(issued.waitTime());

    Ticket called = issued.call(3, T0.plusSeconds(420));
    assertEquals(TicketStatus.CALLED, called.status());
    assertEquals(3, called.counterNo());
    assertEquals(T0.plusSeconds(420), called.calledAt());
    assertEquals(Duration.ofMinutes(7), called.waitTime());
    assertNull(called.serviceTime());

    Ticket recalled = called.recall();
    assertEquals(TicketStatus.CALLED, recalled.status());
    assertEquals(1, recalled.recallCount());
    assertEquals(called.calledAt(), recalled.calledAt());

    Ticket serving = recalled.start(T0.plusSeconds(450));
    assertEquals(TicketStatus.SERVING, serving.status());
    assertEquals(T0.plusSeconds(450), serving.startedAt());
    assertNull(serving.endedAt());

    Ticket finished = serving.finish(T0.plusSeconds(450 + 540));
    assertEquals(TicketStatus.FINISHED, finished.status());
    assertEquals(T0.plusSeconds(990), finished.endedAt());
    assertEquals(Duration.ofSeconds(540), finished.serviceTime());
    assertEquals(Duration.ofMinutes(7), finished.waitTime());
    assertEquals(3, finished.counterNo());
    assertEquals(issued.id(), finished.id());
    assertEquals("ELDERLY", finished.priority());
    assertEquals(540L, finished.toJson().getLong("serviceSeconds"));
    assertEquals(420L, finished.toJson().getLong("waitSeconds"));

    assertEquals(TicketStatus.WAITING, issued.status(), "a transition returns a new ticket, the old one is unchanged");
  }

  static Stream<Arguments> invalidTransitions() {
    Ticket waiting = Ticket.issue("SOCIAL_INSURANCE", "A", DAY, 1, null, T0);
    Ticket called = waiting.call(1, T0.plusSeconds(60));
    Ticket serving = called.start(T0.plusSeconds(120));
    Ticket finished = serving.finish(T0.plusSeconds(180));
    Ticket noShow = called.markNoShow(T0.plusSeconds(120));
    Ticket cancelled = waiting.cancel(T0.plusSeconds(60));
    Ticket transferred = serving.transferOut(T0.plusSeconds(180));
    Instant later = T0.plusSeconds(600);
    return Stream.of(
        invalid("WAITING.recall", waiting, Ticket::recall),
        invalid("WAITING.markNoShow", waiting, t -> t.markNoShow(later)),
        invalid("WAITING.start", waiting, t -> t.start(later)),
        invalid("WAITING.finish", waiting, t -> t.finish(later)),
        invalid("WAITING.transferOut", waiting, t -> t.transferOut(later)),
        invalid("WAITING.requeue", waiting, t -> t.requeue(later, 5)),
        invalid("CALLED.call", called, t -> t.call(2, later)),
        invalid("CALLED.finish", called, t -> t.finish(later)),
        invalid("CALLED.transferOut", called, t -> t.transferOut(later)),
        invalid("CALLED.requeue", called, t -> t.requeue(later, 5)),
        invalid("SERVING.call", serving, t -> t.call(2, later)),
        invalid("SERVING.recall", serving, Ticket::recall),
        invalid("SERVING.markNoShow", serving, t -> t.markNoShow(later)),
        invalid("SERVING.start", serving, t -> t.start(later)),
        invalid("SERVING.cancel", serving, t -> t.cancel(later)),
        invalid("SERVING.requeue", serving, t -> t.requeue(later, 5)),
        invalid("FINISHED.call", finished, t -> t.call(2, later)),
        invalid("FINISHED.finish", finished, t -> t.finish(later)),
        invalid("FINISHED.cancel", finished, t -> t.cancel(later)),
        invalid("FINISHED.requeue", finished, t -> t.requeue(later, 5)),
        invalid("NO_SHOW.call", noShow, t -> t.call(2, later)),
        invalid("NO_SHOW.start", noShow, t -> t.start(later)),
        invalid("NO_SHOW.cancel", noShow, t -> t.cancel(later)),
        invalid("CANCELLED.call", cancelled, t -> t.call(2, later)),
        invalid("CANCELLED.cancel", cancelled, t -> t.cancel(later)),
        invalid("TRANSFERRED.finish", transferred, t -> t.finish(later)),
        invalid("TRANSFERRED.transferOut", transferred, t -> t.transferOut(later)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTransitions")
  @DisplayName("非法的状态转换抛出 CONFLICT / INVALID_TRANSITION")
  void invalidTransitionThrowsConflict(String name, Ticket ticket, UnaryOperator<Ticket> transition) {
    DomainException e = assertThrows(DomainException.class, () -> transition.apply(ticket));
    assertEquals(DomainException.Kind.CONFLICT, e.kind());
    assertEquals("INVALID_TRANSITION", e.code());
    assertTrue(e.getMessage().contains(ticket.number()) && e.getMessage().contains(ticket.status().name()), e.getMessage());
  }

  @Test
  @DisplayName("过号重新排队：排到队尾，达到次数上限后拒绝")
  void requeueUpToTheLimit() {
    Ticket noShow = Ticket.issue("SOCIAL_INSURANCE", "A", DAY, 1, null, T0)
        .call(1, T0.plusSeconds(60))
        .markNoShow(T0.plusSeconds(120));
    assertEquals(TicketStatus.NO_SHOW, noShow.status());
    assertEquals(T0.plusSeconds(120), noShow.endedAt());

    Instant back = T0.plusSeconds(300);
    Ticket requeued = noShow.requeue(back, 1);
    assertEquals(TicketStatus.WAITING, requeued.status());
    assertEquals(1, requeued.requeueCount());
    assertNull(requeued.counterNo());
    assertNull(requeued.calledAt());
    assertNull(requeued.endedAt());
    assertEquals(back, requeued.queuedAt());
    assertEquals(back, requeued.rankAt());
    assertEquals(T0, requeued.issuedAt());

    Ticket lateAgain = requeued.call(2, T0.plusSeconds(400)).markNoShow(T0.plusSeconds(460));
    DomainException limit = assertThrows(DomainException.class, () -> lateAgain.requeue(T0.plusSeconds(500), 1));
    assertEquals(DomainException.Kind.CONFLICT, limit.kind());
    assertEquals("REQUEUE_LIMIT", limit.code());
    assertEquals(TicketStatus.WAITING, lateAgain.requeue(T0.plusSeconds(500), 2).status(), "a hall allowing two takes it back");

    DomainException none = assertThrows(DomainException.class, () -> noShow.requeue(back, 0));
    assertEquals("REQUEUE_LIMIT", none.code());
  }

  @Test
  @DisplayName("转办：新号票保留号码、序号、优先类别和到达时间，并指向原号票")
  void transferredToKeepsNumberAndArrival() {
    Ticket serving = Ticket.issue("SOCIAL_INSURANCE", "A", DAY, 12, "MILITARY", T0)
        .call(1, T0.plusSeconds(300))
        .start(T0.plusSeconds(330));
    Instant now = T0.plusSeconds(900);

    Ticket out = serving.transferOut(now);
    assertEquals(TicketStatus.TRANSFERRED, out.status());
    assertEquals(now, out.endedAt());
    assertEquals(Duration.ofSeconds(570), out.serviceTime());

    Ticket moved = out.transferredTo("HOUSING_FUND", now);
    assertNotEquals(serving.id(), moved.id());
    assertEquals(serving.id(), moved.transferredFrom());
    assertEquals("HOUSING_FUND", moved.serviceCode());
    assertEquals("A012", moved.number());
    assertEquals(12, moved.seq());
    assertEquals("MILITARY", moved.priority());
    assertEquals(T0, moved.issuedAt());
    assertEquals(DAY, moved.serviceDay());
    assertEquals(TicketStatus.WAITING, moved.status());
    assertNull(moved.counterNo());
    assertEquals(now, moved.queuedAt(), "the wait for the new service starts now");
    assertEquals(T0, moved.rankAt(), "placed in the new queue by its arrival");
    assertNull(moved.calledAt());
    assertEquals(0, moved.recallCount());
    assertEquals(serving.id().toString(), moved.toJson().getString("transferredFrom"));
  }

  @Test
  @DisplayName("号码：前缀加至少三位序号")
  void numberPadsToThreeDigits() {
    assertEquals("A007", Ticket.number("A", 7));
    assertEquals("A1234", Ticket.number("A", 1234));
    assertEquals("F999", Ticket.number("F", 999));
    assertEquals("B001", Ticket.number("B", 1));
  }

  private static Arguments invalid(String name, Ticket ticket, UnaryOperator<Ticket> transition) {
    return Arguments.of(name, ticket, transition);
  }
}
