package hallq.bridge.device;

import hallq.bridge.idcard.CardHolder;
import hallq.bridge.idcard.IdCardCommand;
import hallq.bridge.idcard.IdCardFrameDecoder;
import hallq.bridge.idcard.IdCardReply;
import hallq.bridge.idcard.IdCardStatus;
import hallq.bridge.idcard.IdCardText;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The kiosk's ID card reader (二代证) on its own serial port. Blocking; call it from the port's worker
 * thread. Reply frames with a bad length or XOR are dropped and counted ({@link #droppedFrames()}); the
 * request they answered then times out.
 */
public final class IdCardReader {
  private final DevicePort port;
  private long droppedFrames;

  public IdCardReader(DevicePort port) {
    this.port = Objects.requireNonNull(port, "port");
  }

  /**
   * Find card ({@code 20 01}).
   *
   * @return whether a card is in the reader's field ({@code 9F}); false for {@code 80}
   * @throws DeviceReplyException for any other status
   * @throws DeviceTimeoutException if no good reply arrives in time
   */
  public boolean cardPresent(Duration replyTimeout) {
    IdCardReply reply = exchange(IdCardCommand.FIND_CARD, replyTimeout);
    return switch (reply.status()) {
      case CARD_FOUND -> true;
      case NO_CARD -> false;
      default -> throw refused(IdCardCommand.FIND_CARD, reply);
    };
  }

  /**
   * Select card ({@code 20 02}), then read text and photo ({@code 30 01}); the photo is dropped here.
   *
   * @return the holder, or nothing if the card left before it was selected ({@code 81})
   * @throws DeviceReplyException if the reader refuses, or its data is not a card's (nothing personal
   *     in the message)
   * @throws DeviceTimeoutException if no good reply arrives in time
   */
  public Optional<CardHolder> read(Duration replyTimeout) {
    IdCardReply selected = exchange(IdCardCommand.SELECT_CARD, replyTimeout);
    if (selected.status() == IdCardStatus.SELECT_FAILED) {
      return Optional.empty();
    }
    if (selected.status() != IdCardStatus.SUCCESS) {
      throw refused(IdCardCommand.SELECT_CARD, selected);
    }
    IdCardReply read = exchange(IdCardCommand.READ_TEXT_AND_PHOTO, replyTimeout);
    if (read.status() != IdCardStatus.SUCCESS) {
      throw refused(IdCardCommand.READ_TEXT_AND_PHOTO, read);
    }
    try {
      return Optional.of(IdCardText.holder(read.data()));
    } catch (IllegalArgumentException e) {
      throw new DeviceReplyException(port.path(), "the card's text is not readable: " + e.getMessage());
    }
  }

  /** Reply frames dropped for a bad length or XOR, since creation. */
  public long droppedFrames() {
    return droppedFrames;
  }

  private IdCardReply exchange(IdCardCommand command, Duration replyTimeout) {
    IdCardFrameDecoder decoder = new IdCardFrameDecoder();
    try {
      return port.exchange(command.request(), chunk -> decoder.feed(chunk).stream()
          .map(IdCardReply::parse)
          .flatMap(Optional::stream)
          .findFirst(), replyTimeout);
    } finally {
      droppedFrames += decoder.droppedFrames();
    }
  }

  private DeviceReplyException refused(IdCardCommand command, IdCardReply reply) {
    return new DeviceReplyException(port.path(), command + " answered " + reply);
  }
}
