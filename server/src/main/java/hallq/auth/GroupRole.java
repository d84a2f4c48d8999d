package hallq.auth;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import hallq.config.HallqConfig.Role;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A directory group whose members get a role: {@code group} is the group's full DN
 * ({@code cn=hallq-managers,ou=groups,dc=example,dc=cn}) or only its CN ({@code hallq-managers}).
 */
public record GroupRole(String group, Role role) {

  /** Whether a group of this DN is the configured one: DNs compared as DNs, a bare CN with the DN's first RDN. */
  public boolean matches(String groupDn) {
    try {
      DN dn = new DN(groupDn);
      if (group.contains("=")) {
        return dn.equals(new DN(group));
      }
      RDN first = dn.getRDN();
      return first != null && first.hasAttribute("cn") && first.hasAttributeValue("cn", group);
    } catch (LDAPException e) {
      return false;
    }
  }

  /** The highest role any of the groups maps to; none when no group is mapped. */
  public static Optional<Role> highest(List<GroupRole> rules, Collection<String> groupDns) {
    return rules.stream()
        .filter(rule -> groupDns.stream().anyMatch(rule::matches))
        .map(GroupRole::role)
        .max(Comparator.naturalOrder());
  }
}
