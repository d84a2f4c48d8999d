package hallq.bridge.sim;

import hallq.bridge.app.BridgeConfig;
import hallq.bridge.app.BridgeConfig.DeviceConfig;
import hallq.bridge.app.BridgeConfig.PortConfig;
import hallq.bridge.led.LedProtocol;
import hallq.bridge.pad.Key;
import hallq.bridge.pad.KeypadSimulator;
import hallq.bridge.pad.PadRegisters;
import hallq.bridge.pad.PadSimulator;
import hallq.bridge.pad.RatingReason;
import hallq.bridge.pad.Score;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every device of a bridge config, simulated on real pseudo-terminals at the configured paths
 * (symlinks), so the bridge opens them with jssc exactly as it would open /dev/serial/by-id/…. A
 * bus port carries all its devices' simulators; each answers only its own address.
 */
public final class SimulatedDevices implements AutoCloseable {
  /** Printed tickets kept per printer, newest last. */
  public static final int PRINTED_KEPT = 20;
  private static final Duration PAD_TICK = Duration.ofMillis(100);

  private final Map<String, SimulatedSerialDevice> ports = new LinkedHashMap<>();
  private final Map<String, Printer> printers = new LinkedHashMap<>();
  private final Map<String, Sign> signs = new LinkedHashMap<>();
  private final Map<String, Pad> pads = new LinkedHashMap<>();
  private final Map<String, Keypad> keypads = new LinkedHashMap<>();
  private final Map<String, IdCardReaderSimulator> idCardReaders = new LinkedHashMap<>();
  private final Map<String, DeviceConfig> configs = new LinkedHashMap<>();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "sim-device pad clock");
    thread.setDaemon(true);
    return thread;
  });

  private SimulatedDevices() {}

  /** Creates the ptys and symlinks (and their directories) and starts every simulator. */
  public static SimulatedDevices start(BridgeConfig config) throws IOException {
    SimulatedDevices devices = new SimulatedDevices();
    try {
      for (PortConfig port : config.ports()) {
        devices.simulate(port);
      }
    } catch (IOException | RuntimeException e) {
      devices.close();
      throw e;
    }
    devices.clock.scheduleAtFixedRate(() -> devices.pads.values().forEach(pad -> pad.simulator.tick(PAD_TICK)),
        PAD_TICK.toMillis(), PAD_TICK.toMillis(), TimeUnit.MILLISECONDS);
    return devices;
  }

  private void simulate(PortConfig port) throws IOException {
    Path link = Path.of(port.path());
    if (link.getParent() != null) {
      Files.createDirectories(link.getParent());
    }
    SimulatedSerialDevice wire = new SimulatedSerialDevice(port.devices().get(0).id(), link);
    List<Consumer<byte[]>> listeners = new ArrayList<>();
    for (DeviceConfig device : port.devices()) {
      configs.put(device.id(), device);
      ports.put(device.id(), wire);
      listeners.add(switch (device.kind()) {
        case PRINTER -> printers.computeIfAbsent(device.id(), id -> new Printer(wire))::feed;
        case SIGN -> signs.computeIfAbsent(device.id(), id -> new Sign(device, wire))::feed;
        case PAD -> pads.computeIfAbsent(device.id(), id -> new Pad(new PadSimulator(device.address(), wire.replies())))::feed;
        case KEYPAD -> keypads.computeIfAbsent(device.id(), id -> new Keypad(new KeypadSimulator(device.address(), wire.replies())))::feed;
        case IDREADER -> idCardReaders.computeIfAbsent(device.id(), id -> new IdCardReaderSimulator(wire.replies()))::feed;
      });
    }
    wire.start(chunk -> listeners.forEach(listener -> listener.accept(chunk)));
  }

  public Printer printer(String deviceId) {
    return find(printers, deviceId);
  }

  public Sign sign(String deviceId) {
    return find(signs, deviceId);
  }

  public Pad pad(String deviceId) {
    return find(pads, deviceId);
  }

  public Keypad keypad(String deviceId) {
    return find(keypads, deviceId);
  }

  /** A kiosk's ID card reader, to lay a card on it and take it away. */
  public IdCardReaderSimulator idCardReader(String deviceId) {
    return find(idCardReaders, deviceId);
  }

  /** The wire a device hangs on, to unplug and plug it. */
  public SimulatedSerialDevice wire(String deviceId) {
    return find(ports, deviceId);
  }

  /** What every device is doing, for the demo's device page. */
  public JsonObject toJson() {
    JsonArray all = new JsonArray();
    configs.forEach((id, config) -> {
      JsonObject device = new JsonObject()
          .put("id", id)
          .put("kind", config.kind().name())
          .put("kioskId", config.kioskId())
          .put("counterNo", config.counterNo())
          .put("path", ports.get(id).path().toString())
          .put("plugged", ports.get(id).isPlugged());
      switch (config.kind()) {
        case PRINTER -> printers.get(id).describe(device);
        case SIGN -> device.put("shows", signs.get(id).describe());
        case PAD -> pads.get(id).describe(device);
        case KEYPAD -> device.put("display", keypads.get(id).simulator.displayText());
        case IDREADER -> device.put("card", idCardReaders.get(id).card().map(Object::toString).orElse(null));
      }
      all.add(device);
    });
    return new JsonObject().put("devices", all);
  }

  @Override
  public void close() {
    clock.shutdownNow();
    ports.values().stream().distinct().forEach(SimulatedSerialDevice::close);
  }

  private static <T> T find(Map<String, T> devices, String id) {
    T device = devices.get(id);
    if (device == null) {
      throw new NoSuchElementException("no simulated device '" + id + "' of that kind");
    }
    return device;
  }

  /** A kiosk's ticket printer: decodes ESC/POS, keeps what it printed, answers {@code DLE EOT}. */
  public static final class Printer {
    private final EscPosPrinterSimulator simulator;
    private final List<PrintedTicket> printed = new ArrayList<>();

    Printer(SimulatedSerialDevice wire) {
      this.simulator = new EscPosPrinterSimulator(status -> wire.send(new byte[] {(byte) status}));
    }

    private synchronized void feed(byte[] chunk) {
      printed.addAll(simulator.feed(chunk));
      while (printed.size() > PRINTED_KEPT) {
        printed.remove(0);
      }
    }

    public synchronized List<PrintedTicket> printed() {
      return List.copyOf(printed);
    }

    public void paperOut(boolean out) {
      simulator.paperOut(out);
    }

    private synchronized void describe(JsonObject device) {
      JsonArray tickets = new JsonArray();
      for (PrintedTicket ticket : printed) {
        JsonArray lines = new JsonArray();
        ticket.lines().forEach(line -> lines.add(new JsonObject()
            .put("text", line.text())
            .put("bold", line.bold())
            .put("large", line.width() > 1 || line.height() > 1)));
        tickets.add(new JsonObject().put("lines", lines).put("qr", ticket.qrPayloads().isEmpty() ? null : ticket.qrPayloads().get(0))
            .put("rasterImages", ticket.images().size()));
      }
      device.put("printed", tickets);
    }
  }

  /** A counter's LED sign in its configured protocol. */
  public static final class Sign {
    private final Bx5kSignSimulator bx5k;
    private final DigitDisplaySimulator digits;

    Sign(DeviceConfig config, SimulatedSerialDevice wire) {
      boolean isBx5k = LedProtocol.BX5K.equals(config.codec());
      this.bx5k = isBx5k ? new Bx5kSignSimulator(config.address(), wire.replies()) : null;
      this.digits = isBx5k ? null : new DigitDisplaySimulator(config.address(), wire.replies());
    }

    private void feed(byte[] chunk) {
      if (bx5k != null) {
        bx5k.feed(chunk);
      } else {
        digits.feed(chunk);
      }
    }

    /** What the sign shows now, as a person would read it. */
    public String describe() {
      return bx5k != null ? bx5k.describe() : digits.describe();
    }
  }

  /** A counter's evaluation pad, whose rating window runs in real time. */
  public static final class Pad {
    private final PadSimulator simulator;

    Pad(PadSimulator simulator) {
      this.simulator = simulator;
    }

    private void feed(byte[] chunk) {
      simulator.feed(chunk);
    }

    /** Whether a rating request is open and waiting for a key. */
    public boolean asking() {
      int[] registers = simulator.registers();
      return registers[PadRegisters.COMMAND] == PadRegisters.COMMAND_OPEN && registers[PadRegisters.STATUS] == PadRegisters.STATUS_PENDING;
    }

    /** A citizen's key; false if no request was open (the press does not count). */
    public boolean press(Score score, RatingReason reason) {
      return simulator.press(score, reason);
    }

    private void describe(JsonObject device) {
      int[] registers = simulator.registers();
      device.put("asking", asking())
          .put("lastScore", registers[PadRegisters.SCORE] == 0 ? null : registers[PadRegisters.SCORE]);
    }
  }

  /** A counter's clerk keypad with its small display. */
  public static final class Keypad {
    private final KeypadSimulator simulator;

    Keypad(KeypadSimulator simulator) {
      this.simulator = simulator;
    }

    private void feed(byte[] chunk) {
      simulator.feed(chunk);
    }

    public void press(Key key) {
      simulator.press(key);
    }

    public String display() {
      return simulator.displayText();
    }
  }
}
