package hallq.bridge.app;

import hallq.bridge.printer.QrMode;
import hallq.bridge.serial.Parity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole, validated configuration of one bridge: the HallQ server it works for and its serial
 * ports with the devices on each. Built by {@link BridgeConfigLoader}.
 */
public record BridgeConfig(Server server, Timing timing, List<PortConfig> ports) {

  /** The server's base URL and this bridge's device token. */
  public record Server(URI url, String token) {}

  /**
   * @param reconnectMin first wait before reconnecting to the server; doubled up to {@code reconnectMax}
   * @param deviceRetryMax longest wait between retries of a device job that failed (unplugged, no paper)
   * @param busPoll how often keypads and open pad requests are polled
   * @param printerStatus how often printers are asked for their status ({@code DLE EOT})
   * @param reply how long a device has to answer a request
   * @param ratingWindow how long the pad waits for the citizen's key press
   * @param request how long one call to the server may take
   * @param streamIdle a job stream silent this long (the server sends a heartbeat far more often) is
   *     taken for dead and reconnected
   * @param idCardPoll how often ID card readers are asked whether a card lies on them
   */
  public record Timing(Duration reconnectMin, Duration reconnectMax, Duration deviceRetryMax, Duration busPoll,
      Duration printerStatus, Duration reply, Duration ratingWindow, Duration request, Duration streamIdle,
      Duration idCardPoll) {

    /** The wait after {@code wait} when reconnecting: doubled, at most {@code reconnectMax}. */
    public Duration nextReconnectWait(Duration wait) {
      Duration doubled = wait.multipliedBy(2);
      return doubled.compareTo(reconnectMax) > 0 ? reconnectMax : doubled;
    }
  }

  /** One serial port; an RS-485 bus carries several addressed devices. */
  public record PortConfig(String path, int baudRate, Parity parity, List<DeviceConfig> devices) {}

  /** What a device is. */
  public enum Kind { PRINTER, SIGN, PAD, KEYPAD, IDREADER }

  /**
   * @param kioskId the kiosk a printer or an ID card reader belongs to
   * @param counterNo the counter a sign, pad or keypad belongs to
   * @param address the Modbus unit id of pads, keypads and digit signs; the BX-5K screen address
   * @param codec a sign's protocol: {@code BX5K} or {@code MODBUS_DIGITS}
   * @param qrMode a printer's QR code: native {@code GS ( k} or a raster image
   */
  public record DeviceConfig(String id, Kind kind, String kioskId, Integer counterNo, int address, String codec, QrMode qrMode) {}

  public Stream<DeviceConfig> devices() {
    return ports.stream().flatMap(port -> port.devices().stream());
  }
}
