package hallq.bridge.device;

import hallq.bridge.pad.PadRegisters;
import hallq.bridge.pad.PadResult;
import hallq.bridge.pad.RatingReason;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The evaluation pad (评价器) at one unit address on a counter bus, driven per PAD-PROTOCOL.md
 * with fc 0x10 writes and fc 0x03 reads. Blocking; call it from the bus port's worker thread.
 */
public final class EvaluationPad {

  /** Polls still made after the window has run out on the bridge's clock. */
  public static final int GRACE_POLLS = 3;

  private final ModbusMaster master;

  /**
   * @param port the bus the pad is on
   * @param unitId the pad's unit address, 1..247
   */
  public EvaluationPad(DevicePort port, int unitId) {
    this.master = new ModbusMaster(port, unitId);
  }

  /**
   * Runs one rating request: opens it (registers 0..2 = 1, request id, window seconds), polls
   * registers 0..5 until the status is no longer pending, then closes it (register 0 = 0).
   *
   * <p>If the pad still reports pending when the window plus {@value #GRACE_POLLS} poll
   * intervals have passed on the bridge's clock, the request is closed and counts as timed out,
   * so a pad that never expires its window cannot hold the counter.
   *
   * <p>A result is accepted only for {@code requestId} ({@link PadRegisters#interpret}); anything
   * else is {@link PadOutcome.Invalid}. On an exception the request is left to expire on the pad.
   * The port is held for the whole window: on a bus shared with keypads, use {@link #open},
   * {@link #check} and {@link #close} between the other devices' traffic instead.
   *
   * @param requestId 0..65535, different from the previous request's
   * @param window how long the citizen may press; rounded up to whole seconds, 1..600 s
   * @param pollInterval the pause between reads, on this thread
   * @param replyTimeout how long to wait for each reply
   * @return the outcome
   * @throws DeviceReplyException if the pad answers with a Modbus exception or a malformed reply
   * @throws DeviceTimeoutException if the pad does not answer a request in time
   * @throws hallq.bridge.serial.SerialLinkException if the port fails
   */
  public PadOutcome ask(int requestId, Duration window, Duration pollInterval,
      Duration replyTimeout) {
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    int windowSeconds = open(requestId, window, replyTimeout);
    long deadline = System.nanoTime() + Duration.ofSeconds(windowSeconds).toNanos()
        + GRACE_POLLS * pollInterval.toNanos();
    PadOutcome outcome;
    while (true) {
      Optional<PadOutcome> result = check(requestId, replyTimeout);
      if (result.isPresent()) {
        outcome = result.get();
        break;
      }
      if (System.nanoTime() - deadline >= 0) {
        outcome = new PadOutcome.TimedOut();
        break;
      }
      pause(pollInterval);
    }
    close(replyTimeout);
    return outcome;
  }

  /**
   * Step 1 of a request, for a caller that interleaves the bus's other traffic between polls:
   * writes registers 0..2 (command 1, request id, window seconds) with fc 0x10.
   *
   * @param requestId 0..65535, different from the previous request's
   * @param window rounded up to whole seconds, 1..600 s
   * @param replyTimeout how long to wait for the reply
   * @return the window in seconds as written to the pad
   * @throws IllegalArgumentException if the window is not 1..600 s
   */
  public int open(int requestId, Duration window, Duration replyTimeout) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    int windowSeconds = (int) Math.min(Integer.MAX_VALUE, (window.toMillis() + 999) / 1000);
    byte[] request = PadRegisters.openRequest(master.unitId(), requestId, windowSeconds);
    master.write(request, PadRegisters.COMMAND, PadRegisters.WRITABLE_COUNT, replyTimeout);
    return windowSeconds;
  }

  /**
   * Step 2, repeated: reads registers 0..5 with fc 0x03 once.
   *
   * @param requestId the id the request was opened with
   * @param replyTimeout how long to wait for the reply
   * @return empty while the request is pending, else how it ended; the caller applies its own
   *     deadline (window plus a grace) and then counts the request as timed out
   */
  public Optional<PadOutcome> check(int requestId, Duration replyTimeout) {
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    int[] values = master.read(PadRegisters.readResult(master.unitId()), PadRegisters.COUNT,
        replyTimeout);
    PadResult result = PadRegisters.interpret(requestId, values);
    return result instanceof PadResult.Pending ? Optional.empty() : Optional.of(outcome(result));
  }

  /**
   * Step 3: writes command 0 to register 0 with fc 0x10; the pad goes idle and ignores presses.
   *
   * @param replyTimeout how long to wait for the reply
   */
  public void close(Duration replyTimeout) {
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    master.write(PadRegisters.closeRequest(master.unitId()), PadRegisters.COMMAND, 1,
        replyTimeout);
  }

  private static PadOutcome outcome(PadResult result) {
    if (result instanceof PadResult.Rated rated) {
      Optional<RatingReason> reason = rated.reason() == RatingReason.NONE
          ? Optional.empty()
          : Optional.of(rated.reason());
      return new PadOutcome.Rated(rated.score(), reason);
    }
    if (result instanceof PadResult.TimedOut) {
      return new PadOutcome.TimedOut();
    }
    return new PadOutcome.Invalid(((PadResult.Invalid) result).detail());
  }

  private static void pause(Duration pollInterval) {
    try {
      Thread.sleep(pollInterval.toMillis(), pollInterval.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while polling the pad");
    }
  }
}
