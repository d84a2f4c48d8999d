package hallq.bridge.idcard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The data of the read-text-and-photo reply ({@code 30 01}): text length (2, BE), photo length (2, BE),
 * the text, the encoded photo. The text is 256 bytes of UCS-2LE in fixed fields padded with spaces.
 *
 * <p>The field widths of DEVICES.md (name 30, sex 2, nation 4, birth date 16, address 70, ID number 36,
 * authority 30, valid from 16, valid to 16, reserved 36) are in <b>bytes</b>: they add up to the
 * 256-byte text, and an 18-character ID number takes 36 bytes in UCS-2 (so the name holds 15
 * characters, the birth date 8 digits). Only the ID number and the name are taken; the photo is never
 * copied out of the reply.
 */
public final class IdCardText {
  /** Bytes of text in a read reply. */
  public static final int TEXT_BYTES = 256;
  private static final int LENGTHS = 4;
  private static final Field NAME = new Field(0, 30);
  private static final Field SEX = new Field(30, 2);
  private static final Field NATION = new Field(32, 4);
  private static final Field BIRTH_DATE = new Field(36, 16);
  private static final Field ADDRESS = new Field(52, 70);
  private static final Field ID_NUMBER = new Field(122, 36);
  private static final Field AUTHORITY = new Field(158, 30);
  private static final Field VALID_FROM = new Field(188, 16);
  private static final Field VALID_TO = new Field(204, 16);

  private IdCardText() {}

  /** A field's place in the text, in bytes. */
  private record Field(int offset, int bytes) {}

  /**
   * The card holder in a read reply's data.
   *
   * @throws IllegalArgumentException if the lengths do not add up to the data, the text is not 256
   *     bytes, or the ID number or name is not one (the message never holds them unmasked)
   */
  public static CardHolder holder(byte[] data) {
    if (data.length < LENGTHS) {
      throw new IllegalArgumentException("read reply of " + data.length + " bytes has no lengths");
    }
    int textLength = (data[0] & 0xFF) << 8 | data[1] & 0xFF;
    int photoLength = (data[2] & 0xFF) << 8 | data[3] & 0xFF;
    if (textLength != TEXT_BYTES || LENGTHS + textLength + photoLength != data.length) {
      throw new IllegalArgumentException("read reply says text " + textLength + " + photo " + photoLength
          + " bytes but carries " + (data.length - LENGTHS));
    }
    return new CardHolder(read(data, ID_NUMBER).toUpperCase(Locale.ROOT), read(data, NAME));
  }

  /**
   * A read reply's data for a card, as a reader sends it (for the simulator): the other fields are
   * plausible (sex and birth date from the number) and the photo is {@code photoBytes} zeros.
   */
  public static byte[] data(CardHolder holder, int photoBytes) {
    byte[] data = new byte[LENGTHS + TEXT_BYTES + photoBytes];
    data[0] = (byte) (TEXT_BYTES >> 8);
    data[1] = (byte) TEXT_BYTES;
    data[2] = (byte) (photoBytes >> 8);
    data[3] = (byte) photoBytes;
    byte[] spaces = " ".repeat(TEXT_BYTES / 2).getBytes(StandardCharsets.UTF_16LE);
    System.arraycopy(spaces, 0, data, LENGTHS, TEXT_BYTES);
    String number = holder.idNumber();
    write(data, NAME, holder.name());
    write(data, SEX, (number.charAt(16) - '0') % 2 == 1 ? "1" : "2");
    write(data, NATION, "01");
    write(data, BIRTH_DATE, number.substring(6, 14));
    write(data, ADDRESS, "浙江省杭州市");
    write(data, ID_NUMBER, number);
    write(data, AUTHORITY, "杭州市公安局");
    write(data, VALID_FROM, "20200101");
    write(data, VALID_TO, "20400101");
    return data;
  }

  private static String read(byte[] data, Field field) {
    int from = LENGTHS + field.offset();
    return new String(Arrays.copyOfRange(data, from, from + field.bytes()), StandardCharsets.UTF_16LE)
        .replace('\0', ' ')
        .strip();
  }

  private static void write(byte[] data, Field field, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_16LE);
    if (bytes.length > field.bytes()) {
      throw new IllegalArgumentException("a field of " + field.bytes() + " bytes cannot hold " + bytes.length);
    }
    System.arraycopy(bytes, 0, data, LENGTHS + field.offset(), bytes.length);
  }
}
