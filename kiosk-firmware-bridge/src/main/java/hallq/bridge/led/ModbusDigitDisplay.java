package hallq.bridge.led;

import hallq.bridge.modbus.AsciiRegisters;
import hallq.bridge.modbus.FunctionCode;
import hallq.bridge.modbus.ModbusReply;
import hallq.bridge.modbus.ModbusRtu;
import hallq.bridge.modbus.ModbusRtuDecoder;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;

/**
 * HallQ's register map for Modbus RTU digit displays (3–6 digit 当前号/窗口号 counters; 9600 8N1,
 * unit id 1 out of the box), holding registers:
 * <pre>
 * 0..3  ticket number  8 ASCII bytes, two per register, high byte first, NUL padded
 * 4     counter number 0..65535
 * 5     mode           0 idle (blank), 1 showing a call, 2 paused (lights the printed 暂停服务 legend)
 * </pre>
 * Each {@link LedContent} is one {@code 0x10} Write Multiple Registers of all six registers, so
 * the display never shows a new number with an old mode. The display answers with the {@code 0x10}
 * echo (start 0, quantity 6) or an exception reply ({@code 0x90}, e.g. {@code 03} for a mode
 * outside 0..2). Paused and idle clear the number registers.
 */
public final class ModbusDigitDisplay implements LedProtocol {

  /** Unit id of a display fresh from the factory. */
  public static final int DEFAULT_UNIT_ID = 1;

  public static final int NUMBER = 0;
  public static final int NUMBER_REGISTERS = 4;
  public static final int NUMBER_BYTES = 2 * NUMBER_REGISTERS;
  public static final int COUNTER = 4;
  public static final int MODE = 5;

  /** Number of holding registers; addresses 0..5. */
  public static final int COUNT = 6;

  /** Register 5's values. */
  public enum Mode {
    IDLE(0),
    CALL(1),
    PAUSED(2);

    private final int value;

    Mode(int value) {
      this.value = value;
    }

    public int value() {
      return value;
    }

    public static Optional<Mode> fromWire(int value) {
      for (Mode mode : values()) {
        if (mode.value == value) {
          return Optional.of(mode);
        }
      }
      return Optional.empty();
    }
  }

  private final int unitId;

  /** @param unitId the display's unit id, 1..247 */
  public ModbusDigitDisplay(int unitId) {
    if (unitId < ModbusRtu.MIN_UNIT_ID || unitId > ModbusRtu.MAX_UNIT_ID) {
      throw new IllegalArgumentException("unit id must be 1..247: " + unitId);
    }
    this.unitId = unitId;
  }

  @Override
  public String name() {
    return MODBUS_DIGITS;
  }

  /** {@code unit 10 00 00 00 06 0C} and registers 0..5 from {@link #registers}, CRC16/MODBUS. */
  @Override
  public byte[] request(LedContent content) {
    return ModbusRtu.writeMultipleRegisters(unitId, NUMBER, registers(content));
  }

  /**
   * Reads the {@code 0x10} echo or exception from this unit, decoded by {@link ModbusRtuDecoder};
   * other units' replies and echoes of other writes are ignored.
   */
  @Override
  public LedReplyReader newReplyReader() {
    return new ReplyReader();
  }

  /** @return the values of registers 0..5 for {@code content} */
  public static int[] registers(LedContent content) {
    int[] registers = new int[COUNT];
    Mode mode = Mode.IDLE;
    if (content instanceof LedContent.Call call) {
      System.arraycopy(numberWords(call.ticketNumber()), 0, registers, NUMBER, NUMBER_REGISTERS);
      mode = Mode.CALL;
    } else if (content instanceof LedContent.Paused) {
      mode = Mode.PAUSED;
    }
    registers[COUNTER] = content.counterNo();
    registers[MODE] = mode.value();
    return registers;
  }

  /**
   * @param number up to 8 ASCII characters
   * @return four register values, two bytes each, high byte first, NUL padded
   */
  public static int[] numberWords(String number) {
    return AsciiRegisters.words(number, NUMBER_REGISTERS);
  }

  /**
   * @return the text in number registers up to the first NUL; a byte that is not printable
   *     ASCII reads as {@code ?}
   */
  public static String number(int[] words) {
    return AsciiRegisters.text(words);
  }

  /** @return {@code ok} for the matching echo, else a detail naming the exception code */
  static LedAck ack(ModbusReply.ExceptionReply exception) {
    String name = exception.exception().map(Enum::name).orElse("unknown");
    return new LedAck(false,
        String.format("Modbus exception %02X %s", exception.exceptionCode(), name));
  }

  private final class ReplyReader implements LedReplyReader {

    private final ModbusRtuDecoder decoder = new ModbusRtuDecoder();
    private final Queue<LedAck> pending = new ArrayDeque<>();

    @Override
    public Optional<LedAck> feed(byte[] chunk) {
      for (ModbusReply reply : decoder.feed(chunk)) {
        if (reply.unitId() != unitId) {
          continue;
        }
        if (reply instanceof ModbusReply.WriteReply write
            && write.function() == FunctionCode.WRITE_MULTIPLE_REGISTERS
            && write.address() == NUMBER
            && write.second() == COUNT) {
          pending.add(new LedAck(true, "Modbus write echo"));
        } else if (reply instanceof ModbusReply.ExceptionReply exception
            && exception.function() == FunctionCode.WRITE_MULTIPLE_REGISTERS) {
          pending.add(ack(exception));
        }
      }
      return Optional.ofNullable(pending.poll());
    }

    @Override
    public long droppedFrames() {
      return decoder.droppedFrames();
    }
  }
}
