package io.treum.gitops.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Timed runs of one operation. */
public record Samples(List<Duration> values) {
  public Samples {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    values = List.copyOf(values);
  }

  /** The median; for an even count, the mean of the two middle values. */
  public Duration median() {
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) {
      return sorted.get(middle);
    }
    return sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  public Duration min() {
    return values.stream().min(Duration::compareTo).orElseThrow();
  }

  public Duration max() {
    return values.stream().max(Duration::compareTo).orElseThrow();
  }
}
