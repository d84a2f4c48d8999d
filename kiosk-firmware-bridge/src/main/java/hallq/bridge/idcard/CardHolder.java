package hallq.bridge.idcard;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What HallQ keeps of an ID card: the number and the name. {@link #toString()} masks both, so neither
 * reaches a log by accident.
 *
 * @param idNumber 18 characters, 17 digits and a check digit or {@code X}
 * @param name the holder's name as printed on the card
 */
public record CardHolder(String idNumber, String name) {
  private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9X]");

  public CardHolder {
    Objects.requireNonNull(idNumber, "idNumber");
    Objects.requireNonNull(name, "name");
    if (!ID_NUMBER.matcher(idNumber).matches()) {
      throw new IllegalArgumentException("not an 18-character ID number: " + maskIdNumber(idNumber));
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("the name is empty");
    }
  }

  /** {@code 3301**********1234}: the first and last four characters, the rest starred. */
  public static String maskIdNumber(String idNumber) {
    int shown = 4;
    if (idNumber.length() <= 2 * shown) {
      return "*".repeat(idNumber.length());
    }
    return idNumber.substring(0, shown) + "*".repeat(idNumber.length() - 2 * shown) + idNumber.substring(idNumber.length() - shown);
  }

  /** {@code 张**}: the first character (the surname, or its first half) and a star for each other one. */
  public static String maskName(String name) {
    if (name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(name.codePointCount(first, name.length()));
  }

  @Override
  public String toString() {
    return "CardHolder[" + maskIdNumber(idNumber) + ", " + maskName(name) + "]";
  }
}
