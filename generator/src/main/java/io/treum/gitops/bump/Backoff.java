package io.treum.gitops.bump;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff between push attempts ("full jitter"): before attempt {@code n + 1}
 * wait a random time between zero and {@code min(cap, base × 2^(n-1))}, so that bumps racing for
 * the same branch spread out instead of colliding again.
 */
public final class Backoff {
  /** Waits; injected so tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Duration base;
  private final Duration cap;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  public Backoff(Duration base, Duration cap, RandomGenerator random, Sleeper sleeper) {
    this.base = Objects.requireNonNull(base, "base");
    this.cap = Objects.requireNonNull(cap, "cap");
    this.random = Objects.requireNonNull(random, "random");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** 200 ms doubling up to 10 s, real sleeps. */
  public static Backoff standard(RandomGenerator random) {
    return new Backoff(
        Duration.ofMillis(200), Duration.ofSeconds(10), random, d -> Thread.sleep(d.toMillis()));
  }

  /** The longest wait after {@code attempt} failed attempts. */
  Duration ceiling(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    long millis = Math.min(cap.toMillis(), base.toMillis() * factor);
    return Duration.ofMillis(millis);
  }

  /** Waits after the {@code attempt}-th failed attempt. */
  void pause(int attempt) {
    long ceiling = ceiling(attempt).toMillis();
    Duration wait = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BumpException("the bump was interrupted while waiting to retry", e);
    }
  }
}
