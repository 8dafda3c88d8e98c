package io.treum.gitops.benchmarks;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the benchmarks print besides their tables: the machine, and progress with the load. */
final class BenchmarkConsole {
  private BenchmarkConsole() {}

  /** The JVM, its cores, heap and collectors, and the operating system. */
  static void printMachine(PrintStream out) {
    Runtime runtime = Runtime.getRuntime();
    out.printf(
        "java %s (%s), %d cores, max heap %s, GC %s%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        runtime.availableProcessors(),
        BenchmarkReport.mebibytes(runtime.maxMemory()),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", ")));
    out.printf(
        "os %s %s (%s)%n",
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"));
  }

  /** A progress line of one size, with the load average. */
  static void progress(PrintStream out, int services, String message) {
    // The load average shows when something else shared the machine during a measurement.
    out.printf(
        Locale.ROOT,
        "[%4d services, load %.2f] %s%n",
        services,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        message);
    out.flush();
  }
}
