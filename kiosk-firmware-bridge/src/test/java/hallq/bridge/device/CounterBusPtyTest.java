package hallq.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.bridge.pad.Key;
import hallq.bridge.pad.KeypadRegisters;
import hallq.bridge.pad.KeypadSimulator;
import hallq.bridge.pad.PadRegisters;
import hallq.bridge.pad.PadSimulator;
import hallq.bridge.pad.RatingReason;
import hallq.bridge.pad.Score;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pad and keypad drivers on one RS-485 bus simulated on a real pty: a pad at unit 3 and a
 * keypad at unit 4 both listen to everything the bridge sends, each answers its own unit.
 */
class CounterBusPtyTest {

  private static final int PAD_UNIT = 3;
  private static final int KEYPAD_UNIT = 4;
  private static final int REQUEST_ID = 0x0102;
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(20);

  @TempDir
  Path dir;

  private Rig rig;
  private PadSimulator pad;
  private KeypadSimulator keypad;
  private Thread testThread;
  private ExecutorService worker;

  @BeforeEach
  void setUp() throws Exception {
    testThread = Thread.currentThread();
    rig = new Rig(dir, "counter-bus-1");
    // Replies to frames the test itself feeds to the pad (a foreign master) never reach the wire.
    pad = new PadSimulator(PAD_UNIT, frame -> {
      if (Thread.currentThread() != testThread) {
        rig.device.send(frame);
      }
    });
    keypad = new KeypadSimulator(KEYPAD_UNIT, rig.device.replies(), 0xFFFE);
    rig.device.start(chunk -> {
      pad.feed(chunk);
      keypad.feed(chunk);
    });
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bridge-worker counter-bus-1");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    worker.shutdownNow();
    assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS));
    rig.close();
  }

  private Future<PadOutcome> ask(int unit, Duration window) {
    EvaluationPad driver = new EvaluationPad(rig.port, unit);
    return worker.submit(() -> driver.ask(REQUEST_ID, window, POLL, Rig.REPLY_TIMEOUT));
  }

  private void awaitRequestOpen() {
    Rig.await(() -> {
      int[] registers = pad.registers();
      return registers[PadRegisters.COMMAND] == PadRegisters.COMMAND_OPEN
          && registers[PadRegisters.REQUEST_ID] == REQUEST_ID;
    }, () -> "request opened on the pad");
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.get(Rig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void assertClosed() {
    assertEquals(PadRegisters.COMMAND_IDLE, pad.registers()[PadRegisters.COMMAND]);
  }

  @Test
  @DisplayName("差评带原因：不满意 + 服务态度差")
  void lowRatingComesWithItsReasonAndTheRequestIsClosed() throws Exception {
    Future<PadOutcome> outcome = ask(PAD_UNIT, WINDOW);
    awaitRequestOpen();

    assertTrue(pad.press(Score.DISSATISFIED, RatingReason.POOR_ATTITUDE));

    assertEquals(new PadOutcome.Rated(Score.DISSATISFIED, Optional.of(RatingReason.POOR_ATTITUDE)),
        result(outcome));
    assertClosed();
  }

  @Test
  void ratingWithoutReasonHasNone() throws Exception {
    Future<PadOutcome> outcome = ask(PAD_UNIT, WINDOW);
    awaitRequestOpen();

    assertTrue(pad.press(Score.VERY_SATISFIED));

    assertEquals(new PadOutcome.Rated(Score.VERY_SATISFIED, Optional.empty()), result(outcome));
    assertClosed();
  }

  @Test
  void thePadTimingOutTheWindowIsTimedOut() throws Exception {
    Future<PadOutcome> outcome = ask(PAD_UNIT, Duration.ofSeconds(1));
    awaitRequestOpen();

    pad.tick(Duration.ofSeconds(1));

    assertEquals(new PadOutcome.TimedOut(), result(outcome));
    assertClosed();
    assertFalse(pad.press(Score.SATISFIED), "a press after the close must not count");
  }

  @Test
  void aPadThatNeverExpiresIsTimedOutByTheBridgeClockAfterTheGrace() throws Exception {
    long start = System.nanoTime();

    PadOutcome outcome = result(ask(PAD_UNIT, Duration.ofSeconds(1)));

    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(new PadOutcome.TimedOut(), outcome);
    assertTrue(elapsedMillis >= 1000 + EvaluationPad.GRACE_POLLS * POLL.toMillis(),
        "gave up after " + elapsedMillis + " ms");
    assertClosed();
  }

  @Test
  void aResultForAnotherRequestIdIsInvalidNotARating() throws Exception {
    Future<PadOutcome> outcome = ask(PAD_UNIT, WINDOW);
    awaitRequestOpen();

    pad.feed(PadRegisters.openRequest(PAD_UNIT, 0x0999));
    pad.press(Score.VERY_SATISFIED);

    PadOutcome invalid = result(outcome);
    assertTrue(invalid instanceof PadOutcome.Invalid, invalid.toString());
    assertTrue(((PadOutcome.Invalid) invalid).why().contains(String.valueOf(0x0999)),
        invalid.toString());
  }

  @Test
  void aModbusExceptionReplyIsAnErrorNotARating() {
    // The keypad refuses writes to registers 0..2 with exception 02.
    Future<PadOutcome> outcome = ask(KEYPAD_UNIT, WINDOW);

    ExecutionException e = assertThrows(ExecutionException.class, () -> result(outcome));
    assertTrue(e.getCause() instanceof DeviceReplyException, e.getCause().toString());
    assertTrue(e.getCause().getMessage().contains("exception 2"), e.getCause().getMessage());
  }

  @Test
  void aPadThatDoesNotAnswerTimesOutAsAnError() {
    EvaluationPad absent = new EvaluationPad(rig.port, 9);

    assertThrows(DeviceTimeoutException.class,
        () -> absent.ask(REQUEST_ID, WINDOW, POLL, Duration.ofMillis(200)));
  }

  @Test
  void theStepByStepRequestLeavesTheBusFreeForTheKeypadBetweenPolls() {
    EvaluationPad evaluation = new EvaluationPad(rig.port, PAD_UNIT);
    ClerkKeypad clerk = new ClerkKeypad(rig.port, KEYPAD_UNIT);
    clerk.poll(Rig.REPLY_TIMEOUT);

    assertEquals(10, evaluation.open(REQUEST_ID, WINDOW, Rig.REPLY_TIMEOUT));
    assertEquals(Optional.empty(), evaluation.check(REQUEST_ID, Rig.REPLY_TIMEOUT));
    keypad.press(Key.FINISH);
    assertEquals(List.of(Key.FINISH), clerk.poll(Rig.REPLY_TIMEOUT));
    pad.press(Score.SATISFIED);
    assertEquals(Optional.of(new PadOutcome.Rated(Score.SATISFIED, Optional.empty())),
        evaluation.check(REQUEST_ID, Rig.REPLY_TIMEOUT));
    evaluation.close(Rig.REPLY_TIMEOUT);

    assertClosed();
  }

  @Test
  void theFirstKeypadPollOnlySetsTheBaseline() {
    keypad.press(Key.CALL_NEXT);
    ClerkKeypad clerk = new ClerkKeypad(rig.port, KEYPAD_UNIT);

    assertEquals(List.of(), clerk.poll(Rig.REPLY_TIMEOUT));
    assertEquals(List.of(), clerk.poll(Rig.REPLY_TIMEOUT));
  }

  @Test
  void eachPressIsReportedOnceAcrossTheCounterWrap() {
    ClerkKeypad clerk = new ClerkKeypad(rig.port, KEYPAD_UNIT);
    clerk.poll(Rig.REPLY_TIMEOUT);

    keypad.press(Key.CALL_NEXT);
    assertEquals(List.of(Key.CALL_NEXT), clerk.poll(Rig.REPLY_TIMEOUT));
    assertEquals(List.of(), clerk.poll(Rig.REPLY_TIMEOUT));
    keypad.press(Key.REQUEST_RATING);
    assertEquals(List.of(Key.REQUEST_RATING), clerk.poll(Rig.REPLY_TIMEOUT));

    assertEquals(0, keypad.registers()[KeypadRegisters.EVENT_COUNTER]);
    assertEquals(0, clerk.lostPresses());
  }

  @Test
  void overwrittenPressesReturnTheLastKeyAndAreCountedAsLost() {
    ClerkKeypad clerk = new ClerkKeypad(rig.port, KEYPAD_UNIT);
    clerk.poll(Rig.REPLY_TIMEOUT);

    keypad.press(Key.RECALL);
    keypad.press(Key.NO_SHOW);
    keypad.press(Key.START);

    assertEquals(List.of(Key.START), clerk.poll(Rig.REPLY_TIMEOUT));
    assertEquals(2, clerk.lostPresses());
  }

  @Test
  @DisplayName("呼叫器显示 A012，无人等候显示 NONE")
  void displayTextReachesTheKeypadIncludingNoOneWaiting() {
    ClerkKeypad clerk = new ClerkKeypad(rig.port, KEYPAD_UNIT);

    clerk.show("A012", Rig.REPLY_TIMEOUT);
    assertEquals("A012", keypad.displayText());

    clerk.showNoOneWaiting(Rig.REPLY_TIMEOUT);
    assertEquals(KeypadRegisters.NO_ONE_WAITING, keypad.displayText());
  }

  @Test
  void aKeypadThatDoesNotAnswerTimesOut() {
    ClerkKeypad absent = new ClerkKeypad(rig.port, 9);

    assertThrows(DeviceTimeoutException.class, () -> absent.poll(Duration.ofMillis(200)));
  }
}
