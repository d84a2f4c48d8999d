package hallq.auth;

import hallq.config.HallqConfig.Role;
import java.util.Optional;

/**
 * What the directory says about a person whose password it has just accepted: the name HallQ
 * stores them under, whether the account is disabled, and the role its groups map to (none: no
 * mapped group).
 */
public record DirectoryAccount(String username, String displayName, boolean disabled, Optional<Role> role) {}
