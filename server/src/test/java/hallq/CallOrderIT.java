package hallq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hallq.support.HallTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Counter 1 calls 社保医保 (A) before 综合咨询 (F); counter 4 calls only 不动产登记 (B). */
class CallOrderIT extends HallTest {
  private String clerk1;

  @BeforeEach
  void signIn() {
    clerk1 = hall.clerk(1);
  }

  @Test
  @DisplayName("同一业务先到先叫")
  void oldestFirstWithinAService() {
    issueEachMinute("SOCIAL_INSURANCE", "SOCIAL_INSURANCE", "SOCIAL_INSURANCE");
    assertEquals(List.of("A001", "A002", "A003"), callAll(1, clerk1));
  }

  @Test
  @DisplayName("同一时刻取的号按号码顺序叫")
  void sameInstantTicketsAreCalledInNumberOrder() {
    for (int i = 0; i < 5; i++) {
      hall.issue("SOCIAL_INSURANCE");
    }
    assertEquals(List.of("A001", "A002", "A003", "A004", "A005"), callAll(1, clerk1));
  }

  @Test
  @DisplayName("绿色通道优先，即使取号更晚")
  void priorityTicketsFirst() {
    hall.issue("SOCIAL_INSURANCE");
    hall.clock.advance(Duration.ofMinutes(1));
    hall.issue("SOCIAL_INSURANCE");
    hall.clock.advance(Duration.ofMinutes(1));
    hall.issue("SOCIAL_INSURANCE", "ELDERLY");
    hall.clock.advance(Duration.ofMinutes(1));
    hall.issue("SOCIAL_INSURANCE", "PREGNANT");
    assertEquals(List.of("A003", "A004", "A001", "A002"), callAll(1, clerk1));
  }

  @Test
  @DisplayName("窗口先办主办业务，再办兼办业务")
  void counterPrefersItsServicesInConfiguredOrder() {
    issueEachMinute("CONSULTATION", "CONSULTATION", "SOCIAL_INSURANCE", "SOCIAL_INSURANCE");
    assertEquals(List.of("A001", "A002", "F001", "F002"), callAll(1, clerk1));
  }

  @Test
  @DisplayName("优先票在窗口的所有业务中都排在前面")
  void priorityBeatsServiceOrder() {
    hall.issue("SOCIAL_INSURANCE");
    hall.clock.advance(Duration.ofMinutes(1));
    hall.issue("CONSULTATION", "DISABLED");
    assertEquals(List.of("F001", "A001"), callAll(1, clerk1));
  }

  @Test
  @DisplayName("窗口只叫自己业务的号")
  void counterNeverCallsAServiceItDoesNotHandle() {
    String clerk4 = hall.clerk(4);
    hall.issue("SOCIAL_INSURANCE");
    hall.issue("CONSULTATION", "MILITARY");
    assertNull(hall.counterOp(4, "call-next", clerk4).ticket());
    hall.issue("REAL_ESTATE");
    assertEquals(List.of("B001"), callAll(4, clerk4));
    assertEquals(List.of("F001", "A001"), callAll(1, clerk1));
  }

  private void issueEachMinute(String... serviceCodes) {
    for (String code : serviceCodes) {
      hall.issue(code);
      hall.clock.advance(Duration.ofMinutes(1));
    }
  }

  /** Calls, starts and finishes until the counter finds no one waiting; returns the numbers in call order. */
  private List<String> callAll(int counterNo, String token) {
    List<String> numbers = new ArrayList<>();
    while (true) {
      var called = hall.counterOp(counterNo, "call-next", token);
      assertEquals(200, called.status(), called.toString());
      if (called.ticket() == null) {
        return numbers;
      }
      numbers.add(called.ticket().getString("number"));
      assertEquals(200, hall.counterOp(counterNo, "start", token).status());
      assertEquals(200, hall.counterOp(counterNo, "finish", token).status());
    }
  }
}
