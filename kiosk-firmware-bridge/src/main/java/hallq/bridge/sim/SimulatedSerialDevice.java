package hallq.bridge.sim;

import hallq.bridge.serial.Pty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial device simulated on a real pseudo-terminal, reachable at a stable symlink the way a
 * USB adapter is at {@code /dev/serial/by-id/...}: the bridge opens the symlink, this class
 * plays the device at the pty's master end.
 *
 * <p>Once {@link #start(Consumer) started}, a daemon thread named after the device reads what the
 * bridge writes and hands each chunk to the device's feed (e.g. a printer simulator); the device
 * answers through {@link #send(byte[])} or {@link #replies()}. {@link #unplug()} hangs up the pty
 * (the bridge's link sees EIO) and removes the symlink; {@link #plug()} opens a new pty, whose
 * slave path differs, and points the symlink at it. The feed is called on one thread at a time.
 */
public final class SimulatedSerialDevice implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedSerialDevice.class);
  private static final long READER_JOIN_MILLIS = 2000;
  private static final int READ_BUFFER = 4096;

  private final String name;
  private final Path link;
  private final Object stateLock = new Object();
  private volatile Pty pty;
  private Consumer<byte[]> feed;
  private Thread reader;
  private boolean closed;

  /**
   * Opens a pty and points {@code link} at its slave, replacing whatever was there.
   *
   * @param name the device's name, used in thread names and logs, e.g. {@code printer-kiosk-1}
   * @param link the symlink to create, e.g. {@code <dir>/printer-kiosk-1}; its directory exists
   * @throws IOException if the pty or the symlink cannot be made
   */
  public SimulatedSerialDevice(String name, Path link) throws IOException {
    this.name = Objects.requireNonNull(name, "name");
    this.link = Objects.requireNonNull(link, "link");
    Pty opened = Pty.open();
    try {
      pointLinkAt(opened.slavePath());
    } catch (IOException e) {
      opened.close();
      throw e;
    }
    this.pty = opened;
  }

  /** @return the stable path the bridge opens: the symlink */
  public Path path() {
    return link;
  }

  /** @return the current pty slave, e.g. {@code /dev/pts/7}; changes on every {@link #plug()} */
  public String slavePath() {
    Pty current = pty;
    if (current == null) {
      throw new IllegalStateException(name + " is unplugged");
    }
    return current.slavePath();
  }

  /** @return whether the device is plugged in */
  public boolean isPlugged() {
    return pty != null;
  }

  /**
   * Starts handing what the bridge writes to {@code feed}, now and after every {@link #plug()}.
   * Bytes written before the start wait in the pty.
   *
   * @param feed the device's input, e.g. {@code printer::feed}; called on the device's thread
   * @throws IllegalStateException if already started or closed
   */
  public void start(Consumer<byte[]> feed) {
    Objects.requireNonNull(feed, "feed");
    synchronized (stateLock) {
      if (closed || this.feed != null) {
        throw new IllegalStateException(name + " is " + (closed ? "closed" : "already started"));
      }
      this.feed = feed;
      if (pty != null) {
        startReader(pty);
      }
    }
  }

  /** @return {@link #send(byte[])} as a consumer, for a simulator's reply callback */
  public Consumer<byte[]> replies() {
    return this::send;
  }

  /**
   * The device transmits to the bridge. While unplugged the bytes are lost, as on a real wire.
   *
   * @throws UncheckedIOException if the pty refuses the write while plugged in
   */
  public void send(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Pty current = pty;
    if (current == null) {
      return;
    }
    try {
      current.masterOutput().write(bytes);
    } catch (IOException e) {
      if (pty == current) {
        throw new UncheckedIOException(e);
      }
      // Unplugged while writing: lost, as on a real wire.
    }
  }

  /**
   * Pulls the device out: removes the symlink, hangs up the pty (an open link on the slave fails
   * with EIO) and stops the reader thread. Idempotent.
   */
  public void unplug() {
    Pty unplugged;
    Thread stopping;
    synchronized (stateLock) {
      unplugged = pty;
      if (unplugged == null) {
        return;
      }
      pty = null;
      stopping = reader;
      reader = null;
      deleteLink();
      unplugged.close();
    }
    join(stopping);
  }

  /**
   * Plugs the device back in on a new pty and points the symlink at it.
   *
   * @throws IOException if the pty or the symlink cannot be made
   * @throws IllegalStateException if it is plugged in already, or closed
   */
  public void plug() throws IOException {
    synchronized (stateLock) {
      if (closed || pty != null) {
        throw new IllegalStateException(name + " is " + (closed ? "closed" : "plugged in"));
      }
      Pty opened = Pty.open();
      try {
        pointLinkAt(opened.slavePath());
      } catch (IOException e) {
        opened.close();
        throw e;
      }
      pty = opened;
      if (feed != null) {
        startReader(opened);
      }
    }
  }

  /** Unplugs for good: no thread is left running and the symlink is gone. Idempotent. */
  @Override
  public void close() {
    synchronized (stateLock) {
      closed = true;
    }
    unplug();
  }

  private void startReader(Pty current) {
    Consumer<byte[]> input = feed;
    Thread thread = new Thread(() -> readLoop(current, input), "sim-device " + name);
    thread.setDaemon(true);
    reader = thread;
    thread.start();
  }

  private void readLoop(Pty current, Consumer<byte[]> input) {
    InputStream in = current.masterInput();
    byte[] buffer = new byte[READ_BUFFER];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        deliver(input, Arrays.copyOf(buffer, n));
      }
    } catch (IOException e) {
      if (pty == current) {
        LOG.warn("{}: reading the pty failed; the device stops listening", name, e);
      }
    }
  }

  private void deliver(Consumer<byte[]> input, byte[] chunk) {
    try {
      input.accept(chunk);
    } catch (RuntimeException e) {
      LOG.error("{}: device feed failed; the device keeps listening", name, e);
    }
  }

  private void join(Thread thread) {
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    try {
      thread.join(READER_JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("{}: reader did not stop within {} ms", name, READER_JOIN_MILLIS);
    }
  }

  private void pointLinkAt(String slavePath) throws IOException {
    // Replace by rename, so the bridge never sees the path missing or half made.
    Path temporary = link.resolveSibling("." + link.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    Files.createSymbolicLink(temporary, Path.of(slavePath));
    try {
      Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, link, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void deleteLink() {
    try {
      Files.deleteIfExists(link);
    } catch (IOException e) {
      LOG.warn("{}: cannot remove {}", name, link, e);
    }
  }
}
