package hallq.bridge.device;

import hallq.bridge.serial.JsscSerialLink;
import hallq.bridge.serial.SerialLink;
import hallq.bridge.serial.SerialLinkException;
import hallq.bridge.serial.SerialSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One serial port as a device driver uses it: writes, and request → reply exchanges with a
 * timeout, over a {@link JsscSerialLink} opened lazily on first use.
 *
 * <p><b>Threading.</b> All calls block. Callers serialise them: one worker thread per port (never
 * a Vert.x event loop). Only {@link #close()} and {@link #isOpen()} may come from another thread.
 *
 * <p><b>Unplug and replug.</b> When the link fails (an unplugged adapter shows up as EIO on the
 * link's reader) or a write fails, the port closes the link and goes offline; an exchange that was
 * waiting fails at once with {@link SerialLinkException}. The next call tries to open the path
 * again and throws {@link SerialLinkException} for as long as it cannot: the caller retries with
 * its own backoff. Configure a stable path ({@code /dev/serial/by-id/...}, or a symlink): it is
 * re-resolved on every open, and so is whether it points at a pseudo-terminal.
 *
 * <p><b>State.</b> The listener hears each transition once: the first open attempt reports online
 * or offline, then only changes are reported. It is called on the thread that saw the transition
 * (the worker, or the link's reader), under the port's state lock: it must return quickly and
 * must not call back into the port.
 */
public final class DevicePort implements AutoCloseable {

  private static final int HEX_BYTES_IN_MESSAGES = 8;

  private final SerialSettings settings;
  private final Consumer<PortState> listener;
  private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
  private final Object stateLock = new Object();
  // Held while writing to or closing a link, so a link is never closed under a write in progress.
  private final Object ioLock = new Object();
  private SerialLink link;
  private Boolean online;
  private boolean closed;

  /**
   * @param settings the port; {@link SerialSettings#pseudoTerminal()} is re-decided on each open
   *     from the path's real target when it is false
   * @param listener hears each online/offline transition once
   */
  public DevicePort(SerialSettings settings, Consumer<PortState> listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** A port whose state transitions are not observed. */
  public DevicePort(SerialSettings settings) {
    this(settings, state -> { });
  }

  /** @return the configured device path */
  public String path() {
    return settings.path();
  }

  /** @return whether a link is open now; false before first use and after a failure */
  public boolean isOpen() {
    synchronized (stateLock) {
      return link != null;
    }
  }

  /**
   * Writes all bytes, opening the link first if needed.
   *
   * @throws SerialLinkException if the port cannot be opened or the write fails; the port is
   *     then offline until a later call reopens it
   * @throws IllegalStateException if the port was closed
   */
  public void write(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    writeOn(ensureOpen(), bytes);
  }

  /**
   * Sends a request and waits for its reply: drops input received before the request, writes it,
   * then feeds each arriving chunk to the reader until the reader yields a reply.
   *
   * @param request the request bytes
   * @param reader a fresh reader for this reply
   * @param timeout how long to wait for the complete reply after writing
   * @return the reply
   * @throws DeviceTimeoutException if no complete reply arrives in time (the port stays open)
   * @throws SerialLinkException if the port cannot be opened, the write fails or the link fails
   *     while waiting
   * @throws CancellationException if the thread is interrupted while waiting (the flag is kept)
   * @throws IllegalStateException if the port was closed
   */
  public <T> T exchange(byte[] request, ReplyReader<T> reader, Duration timeout) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(timeout, "timeout");
    SerialLink used = ensureOpen();
    inbox.clear();
    writeOn(used, request);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Inbound next = nextInbound(deadline);
      if (next == null) {
        throw new DeviceTimeoutException(path(), timeout, "request " + hex(request));
      }
      if (next instanceof LinkFailed failed) {
        if (failed.link() == used) {
          throw new SerialLinkException(path(), "link failed while awaiting a reply",
              failed.cause());
        }
        continue;
      }
      Optional<T> reply = reader.feed(((Received) next).chunk());
      if (reply.isPresent()) {
        return reply.get();
      }
    }
  }

  /** Closes the link, reporting offline if it was online. Later calls throw. Idempotent. */
  @Override
  public void close() {
    SerialLink closing;
    synchronized (stateLock) {
      if (closed) {
        return;
      }
      closed = true;
      closing = link;
      link = null;
      if (closing != null) {
        transition(false, "closed");
      }
    }
    if (closing != null) {
      closeLink(closing);
    }
  }

  private SerialLink ensureOpen() {
    synchronized (stateLock) {
      if (closed) {
        throw new IllegalStateException(path() + ": port is closed");
      }
      if (link != null) {
        return link;
      }
      SerialLink opened;
      try {
        opened = JsscSerialLink.open(currentSettings());
      } catch (SerialLinkException e) {
        transition(false, e.getMessage());
        throw e;
      }
      link = opened;
      inbox.clear();
      opened.receive(
          chunk -> inbox.add(new Received(chunk)),
          failure -> onLinkFailure(opened, failure));
      transition(true, "opened");
      return opened;
    }
  }

  private SerialSettings currentSettings() {
    if (settings.pseudoTerminal() || !SerialSettings.isPseudoTerminal(settings.path())) {
      return settings;
    }
    return new SerialSettings(settings.path(), settings.baudRate(), settings.parity(), true,
        settings.pollInterval());
  }

  private void writeOn(SerialLink used, byte[] bytes) {
    try {
      synchronized (ioLock) {
        used.write(bytes);
      }
    } catch (SerialLinkException e) {
      takeOffline(used, e.getMessage());
      throw e;
    }
  }

  /** On the link's reader thread: the device went away. */
  private void onLinkFailure(SerialLink failed, SerialLinkException failure) {
    takeOffline(failed, failure.getMessage());
    inbox.add(new LinkFailed(failed, failure));
  }

  private void takeOffline(SerialLink failed, String detail) {
    synchronized (stateLock) {
      if (link != failed) {
        return;
      }
      link = null;
      transition(false, detail);
    }
    closeLink(failed);
  }

  private void closeLink(SerialLink closing) {
    synchronized (ioLock) {
      closing.close();
    }
  }

  /** Called with the state lock held, so transitions are heard in the order they happened. */
  private void transition(boolean nowOnline, String detail) {
    if (online != null && online == nowOnline) {
      return;
    }
    online = nowOnline;
    listener.accept(new PortState(path(), nowOnline, detail));
  }

  private Inbound nextInbound(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return null;
    }
    try {
      return inbox.poll(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException(path() + ": interrupted while awaiting a reply");
    }
  }

  private static String hex(byte[] bytes) {
    String shown = HexFormat.ofDelimiter(" ")
        .withUpperCase()
        .formatHex(Arrays.copyOf(bytes, Math.min(bytes.length, HEX_BYTES_IN_MESSAGES)));
    return bytes.length > HEX_BYTES_IN_MESSAGES ? shown + " …" : shown;
  }

  private sealed interface Inbound permits Received, LinkFailed {
  }

  private record Received(byte[] chunk) implements Inbound {
  }

  private record LinkFailed(SerialLink link, SerialLinkException cause) implements Inbound {
  }
}
