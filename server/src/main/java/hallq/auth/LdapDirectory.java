package hallq.auth;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import hallq.config.HallqConfig.Directory;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sign-in against LDAP / Active Directory, search then bind: the service account finds the
 * person's entry and groups, then a bind as that entry checks the password. Blocking, with the
 * configured connect and response timeouts: call it on a worker thread, never on an event loop.
 */
final class LdapDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
  /** Two are enough to tell "exactly one person" from "the filter is ambiguous". */
  private static final int USER_SIZE_LIMIT = 2;
  private static final int GROUP_SIZE_LIMIT = 500;

  private final Directory config;
  private final LDAPURL url;
  private final SocketFactory sockets;
  private final LDAPConnectionOptions options;

  LdapDirectory(Directory config) {
    this.config = config;
    try {
      this.url = new LDAPURL(config.url());
      this.sockets = url.getScheme().equals("ldaps")
          ? new SSLUtil(JVMDefaultTrustManager.getInstance()).createSSLSocketFactory()
          : SocketFactory.getDefault();
    } catch (LDAPException | GeneralSecurityException e) {
      throw new IllegalArgumentException("directory.url: " + e.getMessage(), e);
    }
    this.options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
    options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
    options.setAbandonOnTimeout(true);
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
  }

  /**
   * The person behind this name, once the directory has accepted the password; empty for an unknown
   * name or a wrong password (the directory's own refusal, as for an account it has locked).
   *
   * @throws LDAPException when the directory cannot be reached, answers too slowly, or refuses the service account
   */
  Optional<DirectoryAccount> signIn(String username, String password) throws LDAPException {
    if (password.isEmpty()) {
      return Optional.empty(); // a simple bind without a password is an anonymous bind (RFC 4513 5.1.2), never a sign-in
    }
    try (LDAPConnection connection = new LDAPConnection(sockets, options, url.getHost(), url.getPort())) {
      if (!config.bindDn().isEmpty()) {
        connection.bind(config.bindDn(), config.bindPassword());
      }
      Optional<Entry> entry = findUser(connection, username);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      Set<String> groups = groupsOf(connection, entry.get(), username);
      if (!passwordAccepted(connection, entry.get().getDN(), password)) {
        return Optional.empty();
      }
      String name = Optional.ofNullable(entry.get().getAttributeValue(config.usernameAttribute())).orElse(username);
      String displayName = Optional.ofNullable(entry.get().getAttributeValue(config.displayNameAttribute())).orElse(name);
      return Optional.of(new DirectoryAccount(name, displayName, config.disabled().disables(entry.get()),
          GroupRole.highest(config.groupRoles(), groups)));
    }
  }

  private Optional<Entry> findUser(LDAPConnection connection, String username) throws LDAPException {
    SearchRequest search = new SearchRequest(config.baseDn(), SearchScope.SUB, filter(config.userFilter(), username), userAttributes());
    search.setSizeLimit(USER_SIZE_LIMIT);
    SearchResult result = searchUpToLimit(connection, search);
    if (result.getEntryCount() > 1) {
      LOG.warn("Directory user filter {} matches more than one entry for '{}'; sign-in refused", config.userFilter(), DirectorySignIn.loggable(username));
      return Optional.empty();
    }
    return result.getEntryCount() == 1 ? Optional.of(result.getSearchEntries().get(0)) : Optional.empty();
  }

  private String[] userAttributes() {
    return Stream.of(config.usernameAttribute(), config.displayNameAttribute(), config.memberOfAttribute(), config.disabled().attribute())
        .filter(attribute -> !attribute.isEmpty())
        .toArray(String[]::new);
  }

  /** The entries found, also when there were more than the size limit allows. */
  private static SearchResult searchUpToLimit(LDAPConnection connection, SearchRequest search) throws LDAPException {
    try {
      return connection.search(search);
    } catch (LDAPSearchException e) {
      if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
        throw e;
      }
      return e.getSearchResult();
    }
  }

  /** The DNs of the person's groups: from the entry's memberOf values, and from a group search when one is configured. */
  private Set<String> groupsOf(LDAPConnection connection, Entry user, String username) throws LDAPException {
    Set<String> groups = new HashSet<>();
    String[] memberOf = config.memberOfAttribute().isEmpty() ? null : user.getAttributeValues(config.memberOfAttribute());
    if (memberOf != null) {
      groups.addAll(List.of(memberOf));
    }
    if (!config.groupBaseDn().isEmpty()) {
      SearchRequest search = new SearchRequest(config.groupBaseDn(), SearchScope.SUB,
          filter(config.groupFilter(), user.getDN(), username), SearchRequest.NO_ATTRIBUTES);
      search.setSizeLimit(GROUP_SIZE_LIMIT);
      searchUpToLimit(connection, search).getSearchEntries().forEach(group -> groups.add(group.getDN()));
    }
    return groups;
  }

  private static boolean passwordAccepted(LDAPConnection connection, String dn, String password) throws LDAPException {
    try {
      connection.bind(dn, password);
      return true;
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The configured filter with {@code {0}}, {@code {1}} … replaced by the values escaped as RFC 4515
   * asks ({@code *}, {@code (}, {@code )}, {@code \}, NUL and non-ASCII bytes as {@code \xx}), so a
   * name like {@code *)(uid=*} is looked for literally.
   */
  static Filter filter(String template, String... values) throws LDAPException {
    String text = template;
    for (int i = 0; i < values.length; i++) {
      text = text.replace("{" + i + "}", Filter.encodeValue(values[i]));
    }
    return Filter.create(text);
  }
}
