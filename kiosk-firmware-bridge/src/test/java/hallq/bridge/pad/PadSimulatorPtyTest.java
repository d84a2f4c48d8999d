package hallq.bridge.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.PtyBench;
import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtuDecoder;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pad simulator at the far end of a real pseudo-terminal, the bridge behind a jssc link. */
class PadSimulatorPtyTest {

  private static final int UNIT = 3;
  private static final int REQUEST_ID = 0x0102;

  private final BlockingQueue<ModbusReply> replies = new LinkedBlockingQueue<>();
  private final ModbusRtuDecoder decoder = new ModbusRtuDecoder();
  private PtyBench bench;
  private PadSimulator pad;

  @BeforeEach
  void connect() throws IOException {
    bench = PtyBench.open("pad-simulator", chunk -> replies.addAll(decoder.feed(chunk)));
    pad = new PadSimulator(UNIT, frame -> bench.deviceSends(frame));
    bench.start(pad::feed);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void openPressAndReadRatedThroughTheLink() throws Exception {
    bench.link().write(PadRegisters.openRequest(UNIT, REQUEST_ID));
    assertEquals(new ModbusReply.WriteReply(UNIT, FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, 3),
        nextReply());

    assertTrue(pad.press(Score.SATISFIED));
    bench.link().write(PadRegisters.readResult(UNIT));
    ModbusReply reply = nextReply();

    assertEquals(new PadResult.Rated(Score.SATISFIED, RatingReason.NONE),
        PadRegisters.interpret(REQUEST_ID, ((ModbusReply.ReadRegistersReply) reply).values()));
  }

  private ModbusReply nextReply() throws InterruptedException {
    ModbusReply reply = replies.poll(PtyBench.WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(reply, () -> "no reply within " + PtyBench.WAIT_SECONDS + " s; " + bench.failures());
    return reply;
  }
}
