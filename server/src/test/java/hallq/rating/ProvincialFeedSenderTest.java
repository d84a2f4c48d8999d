package hallq.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hallq.config.HallqConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProvincialFeedSenderTest {

  @Test
  @DisplayName("重试间隔从首次间隔起逐次加倍，不超过上限")
  void retriesWaitTwiceAsLongEachTimeUpToTheLargest() {
    HallqConfig.ProvincialFeed feed = new HallqConfig.ProvincialFeed("http://127.0.0.1:1/", "", Duration.ofSeconds(10),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(30), "", "", Map.of());
    assertEquals(Duration.ofSeconds(5), ProvincialFeedSender.backoff(feed, 1));
    assertEquals(Duration.ofSeconds(10), ProvincialFeedSender.backoff(feed, 2));
    assertEquals(Duration.ofSeconds(40), ProvincialFeedSender.backoff(feed, 4));
    assertEquals(Duration.ofSeconds(1280), ProvincialFeedSender.backoff(feed, 9));
    assertEquals(Duration.ofMinutes(30), ProvincialFeedSender.backoff(feed, 10));
    assertEquals(Duration.ofMinutes(30), ProvincialFeedSender.backoff(feed, 1000), "no overflow after many failures");
  }
}
