package hallq.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something another thread or process brings about, checking every few milliseconds up to a deadline. */
public final class Eventually {
  public static final Duration WAIT = Duration.ofSeconds(15);

  private Eventually() {}

  public static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what + " (last seen: " + last + ")");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = value.get();
    }
    return last;
  }

  public static void await(String what, Supplier<Boolean> condition) {
    await(what, condition, Boolean::booleanValue);
  }
}
