package hallq.bridge.device;

import java.util.Objects;

/**
 * A transition of a {@link DevicePort} between online (link open) and offline.
 *
 * @param path the configured device path
 * @param online whether the port is now usable
 * @param detail why, for the log: {@code "opened"}, or the failure that took it offline
 */
public record PortState(String path, boolean online, String detail) {

  public PortState {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(detail, "detail");
  }
}
