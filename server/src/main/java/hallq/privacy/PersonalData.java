package hallq.privacy;

import hallq.DomainException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Citizens' ID numbers and phone numbers: stored encrypted (AES-256-GCM, with a key from config that
 * is never in the database), found again by a keyed hash (HMAC-SHA256: equal numbers, equal hashes;
 * nothing to reverse), and shown masked everywhere (3301**********1234, 138****5678). The two keys
 * are derived from the one configured secret, so encrypting and hashing never share a key.
 */
public final class PersonalData {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern ID_NUMBER = Pattern.compile("[1-9]\\d{16}[\\dX]");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern IN_TEXT = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] ID_CHECK = "10X98765432".toCharArray();

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec hashKey;
  private final SecureRandom random = new SecureRandom();

  /** @param secret at least 32 bytes of key material (config {@code privacy.secretKey}, base64) */
  public PersonalData(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("privacy.secretKey must be at least 32 bytes (base64), not " + secret.length);
    }
    this.encryptionKey = new SecretKeySpec(derive(secret, "hallq personal data encryption"), "AES");
    this.hashKey = new SecretKeySpec(derive(secret, "hallq personal data lookup"), "HmacSHA256");
  }

  /** A random nonce, then the ciphertext and its tag: a tampered or wrongly keyed value fails to open. */
  public byte[] encrypt(String plain) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  public String decrypt(byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored personal datum does not open with this key (wrong privacy.secretKey, or altered)", e);
    }
  }

  /** The value to look a number up by: the same for the same number, useless without the key. */
  public byte[] lookupHash(String plain) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hashKey);
      return mac.doFinal(plain.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** 18 characters (17 digits and a digit or X) whose last is the GB 11643 check character; upper-cased. */
  public static String idNumber(String field, String given) {
    String id = given == null ? "" : given.strip().toUpperCase();
    if (!ID_NUMBER.matcher(id).matches() || id.charAt(17) != checkCharacter(id)) {
      throw DomainException.invalid(field, "must be an 18-character resident ID number with a valid check character");
    }
    return id;
  }

  /** A mainland mobile number: 11 digits starting 13–19. */
  public static String mobile(String field, String given) {
    String phone = given == null ? "" : given.strip();
    if (!MOBILE.matcher(phone).matches()) {
      throw DomainException.invalid(field, "must be an 11-digit mobile number");
    }
    return phone;
  }

  /** 3301**********1234: the first four and the last four characters. */
  public static String maskIdNumber(String id) {
    return id.length() <= 8 ? "*".repeat(id.length()) : id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
  }

  /** 138****5678: the first three and the last four digits. */
  public static String maskPhone(String phone) {
    return phone.length() <= 7 ? "*".repeat(phone.length()) : phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
  }

  /** Text that may quote a mobile number (a gateway's error answer) with every such number masked. */
  public static String maskPhonesIn(String text) {
    return IN_TEXT.matcher(text).replaceAll(found -> maskPhone(found.group()));
  }

  static char checkCharacter(String id) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK[sum % 11];
  }

  private static byte[] derive(byte[] secret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
