package hallq.config;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import hallq.auth.DisabledRule;
import hallq.auth.GroupRole;
import hallq.config.HallqConfig.Directory;
import hallq.config.HallqConfig.Role;
import java.time.Duration;
import java.util.regex.Pattern;

/** Reads and checks the {@code directory} block; when it is off, nothing but {@code enabled} must make sense. */
final class DirectoryConfig {
  private static final Pattern URL = Pattern.compile("ldaps?://[^\\s/?#]+/?");

  private DirectoryConfig() {}

  static Directory read(ConfigNode node) {
    boolean enabled = node.bool("enabled");
    ConfigNode disabled = node.object("disabled");
    DisabledRule rule = new DisabledRule(disabled.optionalText("attribute"), disabled.choice("match", DisabledRule.Match.class),
        disabled.optionalText("value"));
    Directory directory = new Directory(enabled, node.optionalText("url"), node.optionalText("bindDn"), node.optionalText("bindPassword"),
        node.optionalText("baseDn"), node.text("userFilter"), node.text("usernameAttribute"), node.text("displayNameAttribute"),
        node.optionalText("memberOfAttribute"), node.optionalText("groupBaseDn"), node.text("groupFilter"), rule,
        node.objects("groupRoles", g -> new GroupRole(g.text("group"), g.choice("role", Role.class))),
        Duration.ofMillis(node.integer("connectTimeoutMillis", 100, 60_000)),
        Duration.ofMillis(node.integer("responseTimeoutMillis", 100, 60_000)),
        node.integer("maxConcurrent", 1, 64));
    if (enabled) {
      validate(node, directory);
    }
    return directory;
  }

  private static void validate(ConfigNode node, Directory directory) {
    if (!URL.matcher(directory.url()).matches()) {
      throw new ConfigException(node.key("url"), "must be ldap://host[:port] or ldaps://host[:port], was '" + directory.url() + "'");
    }
    dn(node, "baseDn", directory.baseDn(), false);
    dn(node, "bindDn", directory.bindDn(), true);
    dn(node, "groupBaseDn", directory.groupBaseDn(), true);
    filter(node, "userFilter", directory.userFilter());
    filter(node, "groupFilter", directory.groupFilter());
    if (directory.groupRoles().isEmpty()) {
      throw new ConfigException(node.key("groupRoles"), "must map at least one group to a role, or no one could sign in");
    }
    DisabledRule rule = directory.disabled();
    if (rule.match() == DisabledRule.Match.BIT && !rule.value().matches("[1-9][0-9]{0,17}")) {
      throw new ConfigException(node.key("disabled.value"), "must be a bit mask such as 2 (Active Directory's ACCOUNTDISABLE)");
    }
    if (rule.match() == DisabledRule.Match.EQUALS && rule.value().isEmpty()) {
      throw new ConfigException(node.key("disabled.value"), "must name the value that marks a disabled account");
    }
  }

  private static void dn(ConfigNode node, String name, String value, boolean mayBeEmpty) {
    if (value.isEmpty() ? !mayBeEmpty : !DN.isValidDN(value)) {
      throw new ConfigException(node.key(name), "must be a distinguished name such as dc=example,dc=cn, was '" + value + "'");
    }
  }

  private static void filter(ConfigNode node, String name, String template) {
    if (!template.contains("{0}")) {
      throw new ConfigException(node.key(name), "must contain {0}");
    }
    try {
      Filter.create(template.replace("{0}", "x").replace("{1}", "x"));
    } catch (LDAPException e) {
      throw new ConfigException(node.key(name), "is not an LDAP filter: " + e.getMessage());
    }
  }
}
