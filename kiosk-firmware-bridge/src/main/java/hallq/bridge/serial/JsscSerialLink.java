package hallq.bridge.serial;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} over a jssc {@link SerialPort}, with one daemon reader thread per port.
 *
 * <p>The reader polls the driver's input count and reads what is there, parking briefly when
 * it is empty. It does not use jssc's event listener (its thread busy-waits in 2.10.2) nor
 * {@code readBytes(n, timeout)} (which spins on the input count), nor a blocking
 * {@code readBytes(n)} (a thread blocked in native {@code poll} cannot be woken by
 * {@link #close()}). An unplugged device (a hung-up tty) makes the count fail with EIO, which
 * is reported once to the failure handler.
 *
 * <p>All calls block; never use this class on a Vert.x event loop.
 */
public final class JsscSerialLink implements SerialLink {

  private static final Logger LOG = LoggerFactory.getLogger(JsscSerialLink.class);
  private static final int MAX_CHUNK = 4096;
  private static final long READER_JOIN_MILLIS = 1000;
  private static final Set<String> WARNED_PTYS = ConcurrentHashMap.newKeySet();

  private final SerialPort port;
  private final SerialSettings settings;
  private final Object writeLock = new Object();
  private final Object stateLock = new Object();
  private volatile boolean open = true;
  private volatile SerialLinkException failure;
  private Thread reader;

  private JsscSerialLink(SerialPort port, SerialSettings settings) {
    this.port = port;
    this.settings = settings;
  }

  /**
   * Opens the port and sets 8 data bits, 1 stop bit and the given baud rate and parity.
   *
   * @param settings where and how to open
   * @return the open link; nothing is read until {@link #receive} is called
   * @throws SerialLinkException if the port cannot be opened, or its parameters cannot be set
   *     on a port that is not a pseudo-terminal
   */
  public static JsscSerialLink open(SerialSettings settings) {
    SerialPort port = new SerialPort(settings.path());
    try {
      port.openPort();
    } catch (SerialPortException e) {
      throw new SerialLinkException(settings.path(), "cannot open port", e);
    }
    try {
      applyParams(port, settings);
    } catch (RuntimeException e) {
      closeQuietly(port);
      throw e;
    }
    return new JsscSerialLink(port, settings);
  }

  private static void applyParams(SerialPort port, SerialSettings settings) {
    boolean applied;
    try {
      applied = port.setParams(
          settings.baudRate(),
          SerialPort.DATABITS_8,
          SerialPort.STOPBITS_1,
          settings.parity().jsscValue());
    } catch (SerialPortException e) {
      throw new SerialLinkException(settings.path(), "cannot set line parameters", e);
    }
    if (applied) {
      return;
    }
    if (!settings.pseudoTerminal()) {
      throw new SerialLinkException(settings.path(), "line parameters were not accepted", null);
    }
    // jssc applies termios before touching RTS/DTR, and a pty has no modem lines to touch.
    if (WARNED_PTYS.add(settings.path())) {
      LOG.warn("{}: setParams returned false, expected on a pseudo-terminal", settings.path());
    }
  }

  @Override
  public String portName() {
    return settings.path();
  }

  @Override
  public void write(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    synchronized (writeLock) {
      ensureUsable();
      boolean written;
      try {
        written = port.writeBytes(bytes);
      } catch (SerialPortException e) {
        throw new SerialLinkException(portName(), "write failed", e);
      }
      if (!written) {
        String message = "short write of " + bytes.length + " bytes";
        throw new SerialLinkException(portName(), message, null);
      }
    }
  }

  @Override
  public void receive(Consumer<byte[]> onBytes, Consumer<SerialLinkException> onFailure) {
    Objects.requireNonNull(onBytes, "onBytes");
    Objects.requireNonNull(onFailure, "onFailure");
    synchronized (stateLock) {
      if (!open) {
        throw new IllegalStateException(portName() + " is closed");
      }
      if (reader != null) {
        throw new IllegalStateException(portName() + " is already receiving");
      }
      reader = new Thread(() -> readLoop(onBytes, onFailure), "serial-reader " + portName());
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void readLoop(Consumer<byte[]> onBytes, Consumer<SerialLinkException> onFailure) {
    long parkNanos = settings.pollInterval().toNanos();
    while (open) {
      byte[] chunk;
      try {
        int available = port.getInputBufferBytesCount();
        if (available <= 0) {
          LockSupport.parkNanos(this, parkNanos);
          continue;
        }
        chunk = port.readBytes(Math.min(available, MAX_CHUNK));
      } catch (SerialPortException | RuntimeException e) {
        if (open) {
          failure = new SerialLinkException(portName(), "read failed", e);
          deliverFailure(onFailure, failure);
        }
        return;
      }
      if (chunk != null && chunk.length > 0) {
        deliverBytes(onBytes, chunk);
      }
    }
  }

  private void deliverBytes(Consumer<byte[]> onBytes, byte[] chunk) {
    try {
      onBytes.accept(chunk);
    } catch (RuntimeException e) {
      LOG.error("{}: byte handler failed; the reader continues", portName(), e);
    }
  }

  private void deliverFailure(Consumer<SerialLinkException> onFailure, SerialLinkException e) {
    try {
      onFailure.accept(e);
    } catch (RuntimeException handlerFailure) {
      LOG.error("{}: failure handler failed", portName(), handlerFailure);
    }
  }

  private void ensureUsable() {
    if (!open) {
      throw new SerialLinkException(portName(), "link is closed", null);
    }
    SerialLinkException failed = failure;
    if (failed != null) {
      throw new SerialLinkException(portName(), "port has failed", failed);
    }
  }

  @Override
  public void close() {
    Thread stopping;
    synchronized (stateLock) {
      if (!open) {
        return;
      }
      open = false;
      stopping = reader;
    }
    // Stop the reader before the handle is released, so it never reads a reused descriptor.
    if (stopping != null && stopping != Thread.currentThread()) {
      LockSupport.unpark(stopping);
      joinQuietly(stopping);
    }
    closeQuietly(port);
  }

  private void joinQuietly(Thread thread) {
    try {
      thread.join(READER_JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("{}: reader did not stop within {} ms", portName(), READER_JOIN_MILLIS);
    }
  }

  private static void closeQuietly(SerialPort port) {
    try {
      port.closePort();
    } catch (SerialPortException e) {
      LOG.warn("{}: close failed", port.getPortName(), e);
    }
  }
}
