package hallq.bridge.sim;

import hallq.bridge.idcard.CardHolder;
import hallq.bridge.idcard.IdCardCommand;
import hallq.bridge.idcard.IdCardFrameDecoder;
import hallq.bridge.idcard.IdCardReply;
import hallq.bridge.idcard.IdCardStatus;
import hallq.bridge.idcard.IdCardText;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An ID card reader (二代证) for demos and tests: request frames in, in any chunking, reply frames out
 * through a callback. Pure (no I/O) and thread-safe.
 *
 * <p>While a card is placed it answers find card {@code 00 00 9F}, select {@code 00 00 90} and read
 * {@code 00 00 90} with the card's text and a blank 1024-byte photo; read before select is refused
 * ({@code 00 00 41}). With no card: {@code 00 00 80} and {@code 00 00 81}. Like the readers HallQ knows,
 * it keeps answering {@code 9F} while the card stays, so telling one placement from the next is the
 * bridge's job. Request frames with a bad length or XOR are dropped, counted and not answered.
 */
public final class IdCardReaderSimulator {
  private static final int PHOTO_BYTES = 1024;
  private static final int READ_REFUSED = 0x41;

  private final Consumer<byte[]> replies;
  private final IdCardFrameDecoder decoder = new IdCardFrameDecoder();
  private CardHolder card;
  private boolean selected;
  private int corruptReplies;
  private long reads;
  private long finds;

  /** @param replies receives each reply frame, on the thread that called {@link #feed(byte[])} */
  public IdCardReaderSimulator(Consumer<byte[]> replies) {
    this.replies = Objects.requireNonNull(replies, "replies");
  }

  /** Takes the bytes the bridge sent and answers every complete request. */
  public synchronized void feed(byte[] chunk) {
    for (byte[] body : decoder.feed(chunk)) {
      IdCardCommand.of(body).ifPresent(command -> send(answer(command)));
    }
  }

  /** A citizen lays a card on the reader (replacing any card there). */
  public synchronized void place(CardHolder holder) {
    card = Objects.requireNonNull(holder, "holder");
    selected = false;
  }

  /** The card is taken away. */
  public synchronized void remove() {
    card = null;
    selected = false;
  }

  /** The card on the reader, if any. */
  public synchronized Optional<CardHolder> card() {
    return Optional.ofNullable(card);
  }

  /** The next {@code count} replies go out with their XOR flipped, as line noise would leave them. */
  public synchronized void corruptNextReplies(int count) {
    corruptReplies = count;
  }

  /** Read commands answered with a card's data, since creation. */
  public synchronized long reads() {
    return reads;
  }

  /** Find card commands answered, since creation. */
  public synchronized long finds() {
    return finds;
  }

  /**
   * Waits until {@code total} find card commands have been answered since creation: a test's way to let
   * the bridge poll a few times.
   *
   * @return whether they were, within {@code timeout}
   */
  public synchronized boolean awaitFinds(long total, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (finds < total) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** Request frames dropped for a bad length or XOR. */
  public synchronized long droppedFrames() {
    return decoder.droppedFrames();
  }

  private IdCardReply answer(IdCardCommand command) {
    return switch (command) {
      case FIND_CARD -> {
        finds++;
        notifyAll();
        yield card == null ? IdCardReply.of(IdCardStatus.NO_CARD, new byte[0]) : IdCardReply.of(IdCardStatus.CARD_FOUND, new byte[4]);
      }
      case SELECT_CARD -> {
        selected = card != null;
        yield selected ? IdCardReply.of(IdCardStatus.SUCCESS, new byte[8]) : IdCardReply.of(IdCardStatus.SELECT_FAILED, new byte[0]);
      }
      case READ_TEXT_AND_PHOTO -> {
        if (card == null || !selected) {
          yield new IdCardReply(READ_REFUSED, new byte[0]);
        }
        reads++;
        yield IdCardReply.of(IdCardStatus.SUCCESS, IdCardText.data(card, PHOTO_BYTES));
      }
    };
  }

  private void send(IdCardReply reply) {
    byte[] frame = reply.frame();
    if (corruptReplies > 0) {
      corruptReplies--;
      frame[frame.length - 1] ^= (byte) 0xFF;
    }
    replies.accept(frame);
  }
}
