package hallq.queue;

import java.util.Optional;

/**
 * The wait of a citizen with {@code ahead} tickets to be called first, served by counters worth
 * {@code capacity} counters to the service (a counter that serves other services first counts as a
 * share of one: see {@code PgTicketRepository.Ahead}).
 *
 * <p>The citizen is called at the ({@code ahead} + 1)-th moment a counter frees up. Optimistic: the
 * counters are free now and every ticket ahead is quick, so {@code ahead × quick / capacity}.
 * Pessimistic: every counter has just started a ticket and all of those and the ones ahead are
 * slow, so {@code (ahead + 1) × slow / capacity}. Both round outwards to whole minutes.
 */
public final class WaitEstimator {
  /** Absorbs floating-point noise, so 3 × 7.5 / 1.5 is 15 minutes and not 16. */
  private static final double ROUNDING_SLACK = 1e-9;

  private WaitEstimator() {}

  /** Empty when no counter is open for the service: nobody can say when it will be served. */
  public static Optional<WaitBand> estimate(int ahead, double capacity, HandlingProfile handling) {
    if (capacity <= 0) {
      return Optional.empty();
    }
    int min = (int) Math.floor(ahead * handling.quickMinutes() / capacity + ROUNDING_SLACK);
    int max = (int) Math.ceil((ahead + 1) * handling.slowMinutes() / capacity - ROUNDING_SLACK);
    return Optional.of(new WaitBand(min, Math.max(min, max)));
  }
}
