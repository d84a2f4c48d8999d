package hallq.bridge.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LedContentTest {

  @Test
  @DisplayName("叫号: 请A012号到3号窗口")
  void callNamesTicketAndCounter() {
    assertEquals("请A012号到3号窗口", new LedContent.Call("A012", 3).text());
    assertEquals("请B7号到12号窗口", new LedContent.Call("B7", 12).text());
  }

  @Test
  void pausedAndIdleTexts() {
    assertEquals("暂停服务", new LedContent.Paused(3).text());
    assertEquals("欢迎光临", new LedContent.Idle(3).text());
    assertEquals(3, new LedContent.Paused(3).counterNo());
  }

  @Test
  void refusesTicketNumbersASignCannotShow() {
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Call("", 3));
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Call(null, 3));
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Call("A0123456X", 3));
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Call("A 12", 3));
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Call("号12", 3));
  }

  @Test
  void refusesCounterNumbersOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Call("A012", 0));
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Paused(65536));
    assertThrows(IllegalArgumentException.class, () -> new LedContent.Idle(-1));
  }
}
