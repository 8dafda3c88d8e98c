package io.treum.gitops.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Wall-clock and CPU time of the same runs. CPU time (user + system, all threads, GC included)
 * varies far less than wall-clock time when other work shares the machine.
 *
 * @param wall wall-clock time of each run
 * @param cpu CPU time of each run, or {@code null} when it could not be measured
 */
public record Timing(Samples wall, Samples cpu) {
  static Timing of(List<Duration> wall, List<Duration> cpu) {
    return new Timing(
        new Samples(wall),
        cpu.isEmpty() || cpu.stream().anyMatch(Objects::isNull) ? null : new Samples(cpu));
  }

  /** The median CPU time, or the median wall-clock time when CPU time is unknown. */
  Duration cpuOrWall() {
    return cpu == null ? wall.median() : cpu.median();
  }
}
