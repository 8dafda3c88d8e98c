package io.treum.gitops.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** Wall-clock and CPU time of this process (all threads, GC and JIT included) since creation. */
final class Stopwatch {
  private static final com.sun.management.OperatingSystemMXBean OS =
      ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean os
          ? os
          : null;

  private final long wall = System.nanoTime();
  private final long cpu = processCpu();

  Duration wall() {
    return Duration.ofNanos(System.nanoTime() - wall);
  }

  /** The CPU time, or {@code null} when the JVM does not report it. */
  Duration cpu() {
    long now = processCpu();
    return cpu < 0 || now < 0 ? null : Duration.ofNanos(now - cpu);
  }

  private static long processCpu() {
    return OS == null ? -1 : OS.getProcessCpuTime();
  }
}
