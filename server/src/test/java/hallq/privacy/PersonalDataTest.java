package hallq.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hallq.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PersonalDataTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** A valid number made up for tests: 33010619900101123 and its GB 11643 check character. */
  private static final String ID = "33010619900101123" + PersonalData.checkCharacter("33010619900101123");

  @Test
  @DisplayName("身份证号加密后可解密，每次密文不同，明文不出现在密文里；换密钥或篡改则打不开")
  void encryptedNumbersOpenOnlyWithTheKey() {
    PersonalData data = new PersonalData(KEY);
    byte[] once = data.encrypt(ID);
    byte[] twice = data.encrypt(ID);
    assertEquals(ID, data.decrypt(once));
    assertFalse(Arrays.equals(once, twice), "a fresh nonce each time");
    assertFalse(new String(once, StandardCharsets.ISO_8859_1).contains("3301"), "no plain digits stored");
    PersonalData other = new PersonalData("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));
    assertThrows(IllegalStateException.class, () -> other.decrypt(once));
    once[once.length - 1] ^= 1;
    assertThrows(IllegalStateException.class, () -> data.decrypt(once));
  }

  @Test
  @DisplayName("查找用的哈希：同号同值，不同号或不同密钥不同值")
  void lookupHashesAreKeyed() {
    PersonalData data = new PersonalData(KEY);
    assertArrayEquals(data.lookupHash(ID), data.lookupHash(ID));
    assertFalse(Arrays.equals(data.lookupHash(ID), data.lookupHash("13800138000")));
    assertFalse(Arrays.equals(data.lookupHash(ID), new PersonalData("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)).lookupHash(ID)));
  }

  @Test
  @DisplayName("掩码：3301**********1234 与 138****5678；校验码错误、位数不对的号码被拒并指明字段")
  void numbersAreCheckedAndMasked() {
    assertEquals("3301**********" + ID.substring(14), PersonalData.maskIdNumber(ID));
    assertEquals("138****5678", PersonalData.maskPhone("13812345678"));
    assertEquals(ID, PersonalData.idNumber("idNumber", " " + ID.toLowerCase() + " "));
    char wrong = ID.charAt(17) == '0' ? '1' : '0';
    DomainException bad = assertThrows(DomainException.class, () -> PersonalData.idNumber("idNumber", ID.substring(0, 17) + wrong));
    assertEquals("idNumber", bad.field());
    assertThrows(DomainException.class, () -> PersonalData.idNumber("idNumber", "3301"));
    assertEquals("phone", assertThrows(DomainException.class, () -> PersonalData.mobile("phone", "1234567890")).field());
    assertEquals("13812345678", PersonalData.mobile("phone", "13812345678"));
    assertThrows(IllegalArgumentException.class, () -> new PersonalData(new byte[16]));
  }
}
