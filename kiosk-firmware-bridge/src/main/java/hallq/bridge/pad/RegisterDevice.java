package hallq.bridge.pad;

import hallq.bridge.modbus.ExceptionCode;
import java.util.Optional;

/** The register bank behind a simulated Modbus device; addresses are already range-checked. */
public interface RegisterDevice {

  /** @return how many holding registers the device has, from address 0 */
  int registerCount();

  /** @return the value of a register 0..{@code registerCount() - 1} */
  int read(int address);

  /**
   * Writes consecutive registers as one request.
   *
   * @return the exception to answer instead of the echo, empty if the write was applied
   */
  Optional<ExceptionCode> write(int address, int[] values);
}
