package hallq.bridge.serial;

import java.util.function.Consumer;

/**
 * A byte pipe to one serial device: the seam between device protocols and the port.
 *
 * <p>Reads arrive in arbitrary chunks, so consumers decode with a streaming state machine.
 * Handlers run on the link's own thread, never on a Vert.x event loop: callers that need a
 * Vert.x context must hop back onto it.
 */
public interface SerialLink extends AutoCloseable {

  /** @return the device path this link is open on */
  String portName();

  /**
   * Writes all bytes, in order. Concurrent writers are serialised, so one call's bytes are
   * never interleaved with another's.
   *
   * @throws SerialLinkException if the port is closed, unplugged or refuses the write
   */
  void write(byte[] bytes);

  /**
   * Starts delivering received bytes. Bytes that arrived earlier are still waiting in the
   * driver and come first. May be called once per link.
   *
   * @param onBytes receives each chunk as it is read; never empty
   * @param onFailure called at most once if the port fails (e.g. the device is unplugged);
   *     no bytes follow it
   * @throws IllegalStateException if receiving was already started or the link is closed
   */
  void receive(Consumer<byte[]> onBytes, Consumer<SerialLinkException> onFailure);

  /** Stops receiving and releases the port. Idempotent; never throws. */
  @Override
  void close();
}
