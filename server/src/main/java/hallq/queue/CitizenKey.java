package hallq.queue;

import hallq.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret in a ticket's QR link. Whoever holds the printed ticket holds the key; ticket ids alone,
 * which staff screens and devices see, do not let anyone act as the citizen.
 */
public final class CitizenKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CitizenKey() {}

  /** 128 random bits, URL-safe: 22 characters. */
  public static String create() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code offered} is the stored key, compared in constant time. */
  public static boolean matches(Optional<String> stored, String offered) {
    return stored.isPresent() && offered != null && MessageDigest.isEqual(
        stored.get().getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII));
  }

  /** Passes if {@code offered} is the ticket's key; otherwise 403, in constant time. */
  public static void require(Optional<String> stored, String offered, String number) {
    if (!matches(stored, offered)) {
      throw DomainException.forbidden("WRONG_TICKET_KEY", "the Ticket-Key does not belong to ticket " + number);
    }
  }
}
