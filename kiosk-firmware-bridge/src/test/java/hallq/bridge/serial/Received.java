package hallq.bridge.serial;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Collects what a link receives, so a test can wait for a byte count with a bound. */
final class Received {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final CompletableFuture<SerialLinkException> failure = new CompletableFuture<>();

  synchronized void add(byte[] chunk) {
    bytes.writeBytes(chunk);
    notifyAll();
  }

  void fail(SerialLinkException e) {
    failure.complete(e);
  }

  synchronized byte[] await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (bytes.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("got " + bytes.size() + " of " + count + " bytes in " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return bytes.toByteArray();
  }
}
