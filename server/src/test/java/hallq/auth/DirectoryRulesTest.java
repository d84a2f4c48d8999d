package hallq.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import hallq.config.HallqConfig.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DirectoryRulesTest {
  private static final List<GroupRole> ROLES = List.of(
      new GroupRole("HallQ-Clerks", Role.CLERK),
      new GroupRole("cn=HallQ-Managers,ou=Groups,dc=example,dc=cn", Role.MANAGER));

  @Test
  @DisplayName("用户名按 RFC 4515 转义后才放进过滤器")
  void theNameIsEscapedForTheFilter() throws LDAPException {
    assertEquals("(uid=\\2a\\29\\28uid=\\2a)", LdapDirectory.filter("(uid={0})", "*)(uid=*").toString());
    assertEquals("(uid=a\\5cb\\00)", LdapDirectory.filter("(uid={0})", "a\\b\u0000").toString());
    assertEquals("(|(member=cn=a,dc=cn)(memberUid=zhang))", LdapDirectory.filter("(|(member={0})(memberUid={1}))", "cn=a,dc=cn", "zhang").toString());
  }

  @Test
  @DisplayName("组按 DN（不区分大小写和空格）或 CN 匹配，取最高角色")
  void groupsMapToTheHighestRole() {
    assertEquals(Optional.of(Role.CLERK), GroupRole.highest(ROLES, List.of("CN=hallq-clerks,OU=Groups,DC=example,DC=cn")));
    assertEquals(Optional.of(Role.MANAGER), GroupRole.highest(ROLES,
        List.of("cn=hallq-clerks,dc=example,dc=cn", "cn=hallq-managers, ou=groups, dc=example, dc=cn")));
    assertEquals(Optional.empty(), GroupRole.highest(ROLES, List.of("cn=HallQ-Managers,ou=Other,dc=example,dc=cn", "cn=visitors,dc=cn")));
    assertEquals(Optional.empty(), GroupRole.highest(ROLES, List.of("ou=HallQ-Clerks,dc=example,dc=cn", "not a dn")));
  }

  @Test
  @DisplayName("停用规则：AD 的 userAccountControl 第 2 位、属性存在、属性等于某值")
  void disabledRules() {
    DisabledRule ad = new DisabledRule("userAccountControl", DisabledRule.Match.BIT, "2");
    assertTrue(ad.disables(entry("userAccountControl: 514")));
    assertFalse(ad.disables(entry("userAccountControl: 512")));
    assertFalse(ad.disables(entry("cn: no such attribute")));

    DisabledRule locked = new DisabledRule("pwdAccountLockedTime", DisabledRule.Match.PRESENT, "");
    assertTrue(locked.disables(entry("pwdAccountLockedTime: 000001010000Z")));
    assertFalse(locked.disables(entry("cn: unlocked")));

    DisabledRule ns = new DisabledRule("nsAccountLock", DisabledRule.Match.EQUALS, "true");
    assertTrue(ns.disables(entry("nsAccountLock: TRUE")));
    assertFalse(ns.disables(entry("nsAccountLock: false")));
    assertFalse(DisabledRule.NONE.disables(entry("userAccountControl: 514")));
  }

  private static Entry entry(String line) {
    try {
      return new Entry("dn: uid=x,dc=example,dc=cn", line);
    } catch (LDIFException e) {
      throw new IllegalStateException(e);
    }
  }
}
