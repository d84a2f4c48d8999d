package hallq.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hallq.bridge.PtyBench;
import hallq.bridge.led.LedAck;
import hallq.bridge.led.LedContent;
import hallq.bridge.led.LedProtocol;
import hallq.bridge.led.LedReplyReader;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each LED simulator at the far end of a real pseudo-terminal: the bridge writes the protocol's
 * request through jssc and reads the acknowledgement with the protocol's reply reader.
 */
class LedSimulatorPtyTest {

  private final BlockingQueue<LedAck> acks = new LinkedBlockingQueue<>();
  private PtyBench bench;

  @AfterEach
  void disconnect() throws InterruptedException {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void bx5kSignShowsTheCallAndAcknowledgesThroughTheLink() throws Exception {
    LedProtocol protocol = LedProtocol.forName("BX5K", 1);
    bench = PtyBench.open("bx5k-sign-simulator", reading(protocol.newReplyReader()));
    Bx5kSignSimulator sign = new Bx5kSignSimulator(1, frame -> bench.deviceSends(frame));
    bench.start(sign::feed);

    bench.link().write(protocol.request(new LedContent.Call("A012", 3)));

    assertEquals(new LedAck(true, "BX-5K OK"), nextAck());
    assertEquals("请A012号到3号窗口", sign.shownText());
  }

  @Test
  void digitDisplayShowsTheCallAndAcknowledgesThroughTheLink() throws Exception {
    LedProtocol protocol = LedProtocol.forName("MODBUS_DIGITS", 2);
    bench = PtyBench.open("digit-display-simulator", reading(protocol.newReplyReader()));
    DigitDisplaySimulator display = new DigitDisplaySimulator(2, frame -> bench.deviceSends(frame));
    bench.start(display::feed);

    bench.link().write(protocol.request(new LedContent.Call("A012", 3)));

    assertEquals(new LedAck(true, "Modbus write echo"), nextAck());
    assertEquals("A012 → 3 (call)", display.describe());
  }

  private Consumer<byte[]> reading(LedReplyReader reader) {
    return chunk -> {
      for (Optional<LedAck> ack = reader.feed(chunk); ack.isPresent();
          ack = reader.feed(new byte[0])) {
        acks.add(ack.get());
      }
    };
  }

  private LedAck nextAck() throws InterruptedException {
    LedAck ack = acks.poll(PtyBench.WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(ack,
        () -> "no reply within " + PtyBench.WAIT_SECONDS + " s; " + bench.failures());
    return ack;
  }
}
