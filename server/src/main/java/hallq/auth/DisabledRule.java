package hallq.auth;

import com.unboundid.ldap.sdk.Entry;
import java.util.Arrays;

/**
 * How the directory marks a disabled account: Active Directory sets bit 2 (ACCOUNTDISABLE) of
 * {@code userAccountControl}; OpenLDAP's ppolicy writes {@code pwdAccountLockedTime}; 389 DS sets
 * {@code nsAccountLock: true}. An empty attribute means the directory's own bind refusal is the only check.
 */
public record DisabledRule(String attribute, Match match, String value) {

  public enum Match {
    /** Disabled when the attribute has any value. */
    PRESENT,
    /** Disabled when a value equals {@code value}, ignoring case. */
    EQUALS,
    /** Disabled when the whole-number attribute has any bit of {@code value} set. */
    BIT
  }

  public static final DisabledRule NONE = new DisabledRule("", Match.PRESENT, "");

  public boolean disables(Entry entry) {
    if (attribute.isEmpty() || !entry.hasAttribute(attribute)) {
      return false;
    }
    return switch (match) {
      case PRESENT -> true;
      case EQUALS -> Arrays.stream(entry.getAttributeValues(attribute)).anyMatch(value::equalsIgnoreCase);
      case BIT -> anyBitSet(entry.getAttributeValues(attribute));
    };
  }

  private boolean anyBitSet(String[] values) {
    long mask = Long.parseLong(value);
    for (String text : values) {
      try {
        if ((Long.parseLong(text.trim()) & mask) != 0) {
          return true;
        }
      } catch (NumberFormatException e) {
        // A value that is no number says nothing about the bits; a well-formed one may follow.
      }
    }
    return false;
  }
}
