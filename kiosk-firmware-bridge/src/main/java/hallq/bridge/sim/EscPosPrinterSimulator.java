package hallq.bridge.sim;

import hallq.bridge.escpos.Alignment;
import hallq.bridge.escpos.Bitmap;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The printer's side of the ESC/POS link: a pure, streaming interpreter of the commands
 * {@code EscPosEncoder} emits, for simulators and tests.
 *
 * <p>Understood: {@code ESC @}, {@code FS &}, {@code FS .}, {@code ESC a n}, {@code ESC E n},
 * {@code GS ! n}, {@code ESC d n}, {@code LF}, {@code GS V m [n]}, {@code GS ( k} (cn 49, fn 65,
 * 67, 69, 80, 81), {@code GS v 0} and the real-time status request {@code DLE EOT n}, which is
 * answered with one status byte through the callback (paper out, paper near end, cover open and
 * cutter error as DEVICES.md lists them for n = 1..4). Text is printable ASCII, plus GB18030 2-
 * and 4-byte characters in Chinese mode (on at power-up, as on most Chinese printers). A
 * {@code GS v 0} image is recorded as sent, whatever its scaling mode m.
 *
 * <p>Bytes arrive in arbitrary chunks; an incomplete command waits for the next chunk. Bytes that
 * make no sense are skipped and counted, never thrown: an unknown command loses only its prefix
 * byte, a known fixed-length command with a bad parameter is skipped whole.
 *
 * <p>Not thread-safe, except {@link #paperOut(boolean)}, {@link #paperNearEnd(boolean)},
 * {@link #coverOpen(boolean)} and {@link #cutterError(boolean)}, which may be called from any
 * thread.
 */
public final class EscPosPrinterSimulator {

  /** A status byte with only its fixed bits set: nothing to report. */
  public static final int STATUS_FINE = 0x12;

  private static final int LF = 0x0A;
  private static final int DLE = 0x10;
  private static final int EOT = 0x04;
  private static final int ESC = 0x1B;
  private static final int FS = 0x1C;
  private static final int GS = 0x1D;
  private static final int NEED_MORE = -1;

  private static final int OFFLINE = 0x08;
  private static final int COVER_OPEN = 0x04;
  private static final int STOPPED_AT_PAPER_END = 0x20;
  private static final int ERROR = 0x40;
  private static final int CUTTER_ERROR = 0x08;
  private static final int PAPER_NEAR_END = 0x0C;
  private static final int PAPER_END = 0x60;

  private static final int QR_CN = 0x31;
  private static final int QR_HEADER = 5;
  private static final int QR_MAX_PARAMETER_BYTES = 7089 + 3;
  private static final int RASTER_HEADER = 8;
  private static final int RASTER_MAX_ROW_BYTES = 128;
  private static final int RASTER_MAX_ROWS = 4095;

  private static final Charset GB18030 = Charset.forName("GB18030");

  private final IntConsumer statusReplies;
  private final TicketSheet sheet = new TicketSheet();
  private byte[] pending = new byte[512];
  private int start;
  private int end;
  private long skippedBytes;
  private boolean chineseMode = true;
  private byte[] storedQr;
  private volatile boolean paperOut;
  private volatile boolean paperNearEnd;
  private volatile boolean coverOpen;
  private volatile boolean cutterError;

  /** @param statusReplies receives each {@code DLE EOT n} reply byte, 0..255 */
  public EscPosPrinterSimulator(IntConsumer statusReplies) {
    this.statusReplies = Objects.requireNonNull(statusReplies, "statusReplies");
  }

  /** Whether the paper roll is out, as reported by the next {@code DLE EOT n} replies. */
  public void paperOut(boolean out) {
    paperOut = out;
  }

  /** Whether the roll is nearly used up, as reported by the next {@code DLE EOT 4} replies. */
  public void paperNearEnd(boolean nearEnd) {
    paperNearEnd = nearEnd;
  }

  /** Whether the cover is open, as reported by the next {@code DLE EOT 1} and 2 replies. */
  public void coverOpen(boolean open) {
    coverOpen = open;
  }

  /**
   * Whether the auto-cutter has failed, as reported by the next {@code DLE EOT 1..3} replies
   * (offline, error, cutter error).
   */
  public void cutterError(boolean failed) {
    cutterError = failed;
  }

  /** Bytes skipped so far as unknown or malformed. */
  public long skippedBytes() {
    return skippedBytes;
  }

  /**
   * Interprets the next chunk of the stream.
   *
   * @return the tickets cut ({@code GS V}) while interpreting it, oldest first
   */
  public List<PrintedTicket> feed(byte[] chunk) {
    Objects.requireNonNull(chunk, "chunk");
    append(chunk);
    List<PrintedTicket> cut = new ArrayList<>();
    while (start < end) {
      int used = step(cut);
      if (used == NEED_MORE) {
        break;
      }
      start += used;
    }
    compact();
    return cut;
  }

  private int step(List<PrintedTicket> cut) {
    int first = at(0);
    return switch (first) {
      case LF -> {
        sheet.newline();
        yield 1;
      }
      case ESC -> escape();
      case FS -> fileSeparator();
      case GS -> groupSeparator(cut);
      case DLE -> realTime();
      default -> text(first);
    };
  }

  private int escape() {
    if (available() < 2) {
      return NEED_MORE;
    }
    int command = at(1);
    if (command == '@') {
      sheet.initialize();
      chineseMode = true;
      storedQr = null;
      return 2;
    }
    if (command != 'a' && command != 'E' && command != 'd') {
      return skip(1);
    }
    if (available() < 3) {
      return NEED_MORE;
    }
    int n = at(2);
    switch (command) {
      case 'a' -> {
        Alignment alignment = alignment(n);
        if (alignment == null) {
          return skip(3);
        }
        sheet.align(alignment);
      }
      case 'E' -> sheet.bold((n & 1) != 0);
      default -> sheet.flushLine();
    }
    return 3;
  }

  private int fileSeparator() {
    if (available() < 2) {
      return NEED_MORE;
    }
    switch (at(1)) {
      case '&' -> chineseMode = true;
      case '.' -> chineseMode = false;
      default -> {
        return skip(1);
      }
    }
    return 2;
  }

  private int groupSeparator(List<PrintedTicket> cut) {
    if (available() < 2) {
      return NEED_MORE;
    }
    return switch (at(1)) {
      case '!' -> characterSize();
      case 'V' -> cut(cut);
      case '(' -> qrCode();
      case 'v' -> rasterImage();
      default -> skip(1);
    };
  }

  private int characterSize() {
    if (available() < 3) {
      return NEED_MORE;
    }
    int n = at(2);
    if ((n & 0x88) != 0) {
      return skip(3);
    }
    sheet.size((n >> 4) + 1, (n & 0x07) + 1);
    return 3;
  }

  private int cut(List<PrintedTicket> cut) {
    if (available() < 3) {
      return NEED_MORE;
    }
    int m = at(2);
    int length;
    if (m == 0 || m == 1 || m == '0' || m == '1') {
      length = 3;
    } else if (m == 'A' || m == 'B') {
      length = 4;
    } else {
      return skip(3);
    }
    if (available() < length) {
      return NEED_MORE;
    }
    cut.add(sheet.cut());
    return length;
  }

  private int qrCode() {
    if (available() < 3) {
      return NEED_MORE;
    }
    if (at(2) != 'k') {
      return skip(1);
    }
    if (available() < QR_HEADER) {
      return NEED_MORE;
    }
    int parameters = at(3) | at(4) << 8;
    if (parameters < 3 || parameters > QR_MAX_PARAMETER_BYTES) {
      return skip(1);
    }
    int length = QR_HEADER + parameters;
    if (available() < length) {
      return NEED_MORE;
    }
    return at(5) == QR_CN && qrFunction(at(6), parameters) ? length : skip(length);
  }

  /** {@code GS ( k} with cn 49; returns false for an unknown function or a bad parameter. */
  private boolean qrFunction(int fn, int parameters) {
    int m = at(7);
    return switch (fn) {
      case 'A' -> parameters == 4 && m >= '1' && m <= '3' && at(8) == 0;
      case 'C' -> parameters == 3 && m >= 1 && m <= 16;
      case 'E' -> parameters == 3 && m >= '0' && m <= '3';
      case 'P' -> parameters > 3 && m == '0' && storeQr(parameters - 3);
      case 'Q' -> parameters == 3 && m == '0' && printQr();
      default -> false;
    };
  }

  private boolean storeQr(int length) {
    storedQr = Arrays.copyOfRange(pending, start + 8, start + 8 + length);
    return true;
  }

  private boolean printQr() {
    if (storedQr != null) {
      sheet.qr(new String(storedQr, StandardCharsets.UTF_8));
    }
    return true;
  }

  private int rasterImage() {
    if (available() < 3) {
      return NEED_MORE;
    }
    if (at(2) != '0') {
      return skip(1);
    }
    if (available() < RASTER_HEADER) {
      return NEED_MORE;
    }
    int mode = at(3);
    int rowBytes = at(4) | at(5) << 8;
    int rows = at(6) | at(7) << 8;
    boolean validMode = mode <= 3 || (mode >= '0' && mode <= '3');
    if (!validMode || rowBytes < 1 || rowBytes > RASTER_MAX_ROW_BYTES
        || rows < 1 || rows > RASTER_MAX_ROWS) {
      return skip(RASTER_HEADER);
    }
    int length = RASTER_HEADER + rowBytes * rows;
    if (available() < length) {
      return NEED_MORE;
    }
    sheet.image(bitmap(rowBytes, rows));
    return length;
  }

  private Bitmap bitmap(int rowBytes, int rows) {
    int width = rowBytes * 8;
    BitSet pixels = new BitSet(width * rows);
    for (int y = 0; y < rows; y++) {
      for (int column = 0; column < rowBytes; column++) {
        int packed = at(RASTER_HEADER + y * rowBytes + column);
        for (int bit = 0; bit < 8; bit++) {
          if ((packed & 0x80 >>> bit) != 0) {
            pixels.set(y * width + column * 8 + bit);
          }
        }
      }
    }
    return new Bitmap(width, rows, pixels);
  }

  /** {@code DLE EOT n}, n = 1..4. */
  private int realTime() {
    if (available() < 2) {
      return NEED_MORE;
    }
    if (at(1) != EOT) {
      return skip(1);
    }
    if (available() < 3) {
      return NEED_MORE;
    }
    int n = at(2);
    if (n < 1 || n > 4) {
      return skip(3);
    }
    statusReplies.accept(status(n));
    return 3;
  }

  private int status(int n) {
    boolean out = paperOut;
    boolean cover = coverOpen;
    boolean cutter = cutterError;
    int reported = switch (n) {
      case 1 -> out || cover || cutter ? OFFLINE : 0;
      case 2 -> (cover ? COVER_OPEN : 0) | (out ? STOPPED_AT_PAPER_END : 0)
          | (cutter ? ERROR : 0);
      case 3 -> cutter ? CUTTER_ERROR : 0;
      default -> out ? PAPER_END : paperNearEnd ? PAPER_NEAR_END : 0;
    };
    return STATUS_FINE | reported;
  }

  private int text(int first) {
    if (first >= 0x20 && first <= 0x7E) {
      sheet.append(String.valueOf((char) first));
      return 1;
    }
    if (first < 0x81 || first > 0xFE || !chineseMode) {
      return skip(1);
    }
    int length = gbSequenceLength();
    if (length == NEED_MORE || length == 0) {
      return length == 0 ? skip(1) : NEED_MORE;
    }
    String decoded = new String(pending, start, length, GB18030);
    if (decoded.indexOf('\uFFFD') >= 0) {
      return skip(length);
    }
    sheet.append(decoded);
    return length;
  }

  /** Length of the GB18030 character at the lead byte: 2, 4, 0 if malformed, or NEED_MORE. */
  private int gbSequenceLength() {
    if (available() < 2) {
      return NEED_MORE;
    }
    int second = at(1);
    if ((second >= 0x40 && second <= 0x7E) || (second >= 0x80 && second <= 0xFE)) {
      return 2;
    }
    if (second < 0x30 || second > 0x39) {
      return 0;
    }
    if (available() < 4) {
      return NEED_MORE;
    }
    boolean valid = at(2) >= 0x81 && at(2) <= 0xFE && at(3) >= 0x30 && at(3) <= 0x39;
    return valid ? 4 : 0;
  }

  private static Alignment alignment(int n) {
    return switch (n) {
      case 0, '0' -> Alignment.LEFT;
      case 1, '1' -> Alignment.CENTER;
      case 2, '2' -> Alignment.RIGHT;
      default -> null;
    };
  }

  private int skip(int count) {
    skippedBytes += count;
    return count;
  }

  private int at(int offset) {
    return pending[start + offset] & 0xFF;
  }

  private int available() {
    return end - start;
  }

  private void append(byte[] chunk) {
    if (end + chunk.length > pending.length) {
      int live = available();
      byte[] grown = live + chunk.length > pending.length
          ? new byte[Math.max(pending.length * 2, live + chunk.length)]
          : pending;
      System.arraycopy(pending, start, grown, 0, live);
      pending = grown;
      start = 0;
      end = live;
    }
    System.arraycopy(chunk, 0, pending, end, chunk.length);
    end += chunk.length;
  }

  private void compact() {
    if (start == end) {
      start = 0;
      end = 0;
    }
  }
}
