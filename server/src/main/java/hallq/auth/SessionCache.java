package hallq.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sessions this server found in the last second, by token hash: a counter's call, start and finish
 * each carry its token, and reading the session for every one of them was an eighth of the
 * statements of a call. An ended session is forgotten at once on the server that ended it (sign-out,
 * a clerk's sign-in elsewhere, a directory account retired); another server of the hall goes on
 * accepting it for at most {@link #FRESH_NANOS}. A session is never accepted past its expiry.
 */
final class SessionCache {
  static final long FRESH_NANOS = 1_000_000_000L;
  /** More sessions than a hall has staff means tokens are being tried at random: start again. */
  private static final int LIMIT = 10_000;

  private record Entry(Principal principal, Instant expiresAt, long freshUntil) {}

  private final Map<String, Entry> byTokenHash = new ConcurrentHashMap<>();
  /** Counts the forgettings: a lookup that read the database before one must not put back what was forgotten. */
  private final AtomicLong generation = new AtomicLong();
  private final LongSupplier nanoTime;

  SessionCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The session found for this token hash within the last second, unless it has expired by {@code now}. */
  Optional<Principal> find(String tokenHash, Instant now) {
    Entry entry = byTokenHash.get(tokenHash);
    if (entry == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - entry.freshUntil() >= 0 || !now.isBefore(entry.expiresAt())) {
      byTokenHash.remove(tokenHash, entry);
      return Optional.empty();
    }
    return Optional.of(entry.principal());
  }

  /** Taken before a lookup reads the database, and handed back to {@link #remember}. */
  long generation() {
    return generation.get();
  }

  /** Keeps what a lookup found, unless a session was forgotten since it started ({@code generation}). */
  void remember(String tokenHash, Principal principal, Instant expiresAt, long generationAtLookup) {
    if (generation.get() != generationAtLookup) {
      return;
    }
    if (byTokenHash.size() >= LIMIT) {
      byTokenHash.clear();
    }
    byTokenHash.put(tokenHash, new Entry(principal, expiresAt, nanoTime.getAsLong() + FRESH_NANOS));
  }

  void forget(String tokenHash) {
    generation.incrementAndGet();
    byTokenHash.remove(tokenHash);
  }

  /** Every session of this user (their sessions ended together). */
  void forgetUser(String username) {
    generation.incrementAndGet();
    byTokenHash.values().removeIf(entry -> entry.principal().name().equals(username));
  }
}
