package io.treum.gitops.bump;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter between push attempts, scaled to the attempt that lost.
 *
 * <p>An attempt loses when another writer pushes between its fetch and its push: that span, the
 * attempt's window, is what racing bumps must be spread over. So after the {@code n}-th failed
 * attempt, whose window was {@code w}, the bump waits a random time between zero and {@code
 * min(cap, spread × max(base, w) × 2^(n-1))}. A fixed base shorter than the window — a loaded CI
 * machine, a large tree, a slow remote — would send the losers straight back into the same
 * collision; scaled to the window, k writers thin out to about one per window within a few rounds,
 * whatever the machine's speed. Full jitter (a uniform draw from zero) spreads them best for the
 * least total wait.
 */
public final class Backoff {
  /** Waits; injected so tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** How many windows the first retry spreads over. */
  static final int SPREAD = 2;

  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  /**
   * @param base the least window a wait is scaled to
   * @param cap the longest wait
   * @param nanoTime a monotonic clock in nanoseconds, to measure windows
   */
  public Backoff(
      Duration base, Duration cap, RandomGenerator random, Sleeper sleeper, LongSupplier nanoTime) {
    this.base = Objects.requireNonNull(base, "base");
    this.cap = Objects.requireNonNull(cap, "cap");
    this.random = Objects.requireNonNull(random, "random");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** A backoff that measures windows with {@link System#nanoTime}. */
  public Backoff(Duration base, Duration cap, RandomGenerator random, Sleeper sleeper) {
    this(base, cap, random, sleeper, System::nanoTime);
  }

  /** Windows of at least 200 ms, waits of at most 60 s, real sleeps. */
  public static Backoff standard(RandomGenerator random) {
    return new Backoff(
        Duration.ofMillis(200), Duration.ofSeconds(60), random, d -> Thread.sleep(d.toMillis()));
  }

  /**
   * The longest wait after {@code attempt} failed attempts, the last of which had {@code window}.
   */
  Duration ceiling(int attempt, Duration window) {
    // the scale is capped first, so that the shift below cannot overflow
    long scale = Math.min(cap.toMillis(), Math.max(base.toMillis(), window.toMillis()));
    int doublings = Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(cap.toMillis(), (scale * SPREAD) << doublings));
  }

  /** Now, as the start of an attempt's window. */
  long mark() {
    return nanoTime.getAsLong();
  }

  /**
   * Waits after the {@code attempt}-th failed attempt, whose window opened at {@code mark}.
   *
   * @return the wait
   */
  Duration pause(int attempt, long mark) {
    return pause(attempt, Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - mark)));
  }

  /** Waits after the {@code attempt}-th failed attempt, whose window was {@code window}. */
  Duration pause(int attempt, Duration window) {
    long ceiling = ceiling(attempt, window).toMillis();
    Duration wait = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    try {
      sleeper.sleep(wait);
      return wait;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BumpException("the bump was interrupted while waiting to retry", e);
    }
  }
}
