package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backoff's ceilings scale with the lost attempt's window, double, and stop at the cap. */
class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(60), new Random(1), d -> {});

  @ParameterizedTest(name = "after attempt {0} with a {1} ms window: up to {2} ms")
  @CsvSource({
    // a window shorter than the base counts as the base
    "1,     0,    400",
    "1,   150,    400",
    "2,   150,    800",
    // scaled to the window: 2 windows, then 4, 8, …
    "1,  1000,   2000",
    "2,  1000,   4000",
    "3,  1000,   8000",
    "5,  1000,  32000",
    "6,  1000,  60000",
    "9,  1000,  60000",
    // a window longer than the cap, and attempts far past any sane limit, stay at the cap
    "1, 90000,  60000",
    "99, 5000,  60000",
  })
  void ceilingDoublesFromTwoWindowsUpToTheCap(int attempt, long window, long ceiling) {
    assertThat(backoff.ceiling(attempt, Duration.ofMillis(window)))
        .isEqualTo(Duration.ofMillis(ceiling));
  }

  @Test
  void waitsAJitteredTimeWithinTheCeilingMeasuredFromTheMark() {
    AtomicLong now = new AtomicLong();
    List<Duration> slept = new ArrayList<>();
    Backoff measured =
        new Backoff(
            Duration.ofMillis(200), Duration.ofSeconds(60), new Random(7), slept::add, now::get);

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long mark = measured.mark();
      now.addAndGet(Duration.ofSeconds(3).toNanos());
      waits.add(measured.pause(2, mark));
    }

    assertThat(slept).isEqualTo(waits);
    assertThat(waits).allMatch(w -> !w.isNegative() && w.compareTo(Duration.ofSeconds(12)) <= 0);
    // full jitter: the draws cover the range, not a band near its top
    assertThat(waits).anyMatch(w -> w.compareTo(Duration.ofSeconds(2)) < 0);
    assertThat(waits).anyMatch(w -> w.compareTo(Duration.ofSeconds(10)) > 0);
  }
}
