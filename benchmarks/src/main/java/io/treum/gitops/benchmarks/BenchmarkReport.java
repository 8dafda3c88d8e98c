package io.treum.gitops.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats the results as a Markdown table (for README) and checks them against issue 3's targets.
 * Times are medians per overlay, wall-clock / CPU; the time targets are judged on CPU time, which
 * other work on a shared machine disturbs far less than wall-clock time.
 */
public final class BenchmarkReport {
  /** Issue 3: 1000 services take at most this multiple of the time of 500. */
  static final double LINEAR_GROWTH_LIMIT = 2.5;

  /** Issue 3: treum is at least this many times faster than kustomize at 500 services. */
  static final double SPEEDUP_TARGET = 50;

  /** Issue 3: 1000 services × 3 overlays hydrate within this heap. */
  static final long HEAP_TARGET_BYTES = 512L * 1024 * 1024;

  private BenchmarkReport() {}

  /** The results as a Markdown table, one row per size. */
  public static String table(List<SizeResult> results) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| services | objects / overlay | treum build | treum build + YAML | kustomize build"
            + " | kustomize ÷ treum build + YAML | output | treum hydrate, 3 overlays |\n");
    table.append("|---:|---:|---:|---:|---:|---:|---|---:|\n");
    for (SizeResult result : results) {
      table
          .append("| ")
          .append(result.services())
          .append(" | ")
          .append(result.objects())
          .append(" | ")
          .append(cell(result.treumBuild()))
          .append(" | ")
          .append(cell(result.treumHydrate()))
          .append(" | ")
          .append(
              result.kustomize() == null
                  ? result.kustomizeNote()
                  : cell(result.kustomize())
                      + (result.kustomizeNote().isEmpty() ? "" : " " + result.kustomizeNote()))
          .append(" | ")
          .append(
              result.kustomize() == null ? "—" : ratios(result.kustomize(), result.treumHydrate()))
          .append(" | ")
          .append(
              !result.problems().isEmpty()
                  ? "**WRONG**"
                  : result.checkedAgainstKustomize() ? "= kustomize" : "self-check ok")
          .append(" | ")
          .append(result.hydrateAll() == null ? "out of memory" : cell(result.hydrateAll()))
          .append(" |\n");
    }
    return table.toString();
  }

  /** One line per target of issue 3: what was measured and whether the target is met. */
  public static List<String> targets(List<SizeResult> results, long maxHeapBytes) {
    List<String> lines = new ArrayList<>();
    Optional<SizeResult> at500 = find(results, 500);
    Optional<SizeResult> at1000 = find(results, 1000);
    if (at500.isPresent() && at1000.isPresent()) {
      SizeResult small = at500.get();
      SizeResult large = at1000.get();
      double growth = quotient(large.treumBuild().cpuOrWall(), small.treumBuild().cpuOrWall());
      double hydrateGrowth =
          quotient(large.treumHydrate().cpuOrWall(), small.treumHydrate().cpuOrWall());
      lines.add(
          String.format(
              Locale.ROOT,
              "linear growth (1000 services ≤ %.1f× the time of 500): build %s, build + YAML %s"
                  + " (wall / CPU) — %s",
              LINEAR_GROWTH_LIMIT,
              ratios(large.treumBuild(), small.treumBuild()),
              ratios(large.treumHydrate(), small.treumHydrate()),
              verdict(Math.max(growth, hydrateGrowth) <= LINEAR_GROWTH_LIMIT)));
    } else {
      lines.add("linear growth: not measured (run sizes 500 and 1000)");
    }
    if (at500.isPresent() && at500.get().kustomize() != null) {
      SizeResult result = at500.get();
      double speedup = quotient(result.kustomize().cpuOrWall(), result.treumHydrate().cpuOrWall());
      lines.add(
          String.format(
              Locale.ROOT,
              "≥ %.0f× faster than kustomize at 500 services: %s against build + YAML, %s against"
                  + " build only (wall / CPU) — %s",
              SPEEDUP_TARGET,
              ratios(result.kustomize(), result.treumHydrate()),
              ratios(result.kustomize(), result.treumBuild()),
              verdict(speedup >= SPEEDUP_TARGET)));
    } else {
      lines.add("speed-up over kustomize at 500 services: not measured (kustomize not run at 500)");
    }
    if (at1000.isPresent()) {
      SizeResult result = at1000.get();
      String heap = mebibytes(maxHeapBytes);
      if (result.hydrateAll() == null) {
        lines.add(
            "1000 services × 3 overlays within -Xmx512m: out of memory at " + heap + " — MISSED");
      } else {
        lines.add(
            "1000 services × 3 overlays within -Xmx512m: hydrated in "
                + cell(result.hydrateAll())
                + " (wall / CPU), max heap "
                + heap
                + ", the three YAML streams hold "
                + mebibytes(result.hydratedHeapBytes())
                + " — "
                + (maxHeapBytes <= HEAP_TARGET_BYTES
                    ? verdict(true)
                    : "not checked (the JVM's heap exceeds 512 MiB)"));
      }
    } else {
      lines.add("heap: not measured (run size 1000)");
    }
    return lines;
  }

  /** A duration: milliseconds below 10 s, seconds above. */
  static String format(Duration duration) {
    double millis = duration.toNanos() / 1e6;
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 100) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000);
  }

  /** Median wall-clock time, and median CPU time when known. */
  static String cell(Timing timing) {
    return format(timing.wall().median())
        + (timing.cpu() == null ? "" : " / " + format(timing.cpu().median()));
  }

  static String ratio(Duration slow, Duration fast) {
    double ratio = quotient(slow, fast);
    return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.2f×", ratio);
  }

  /** Wall-clock ratio of the medians, and CPU ratio when both CPU times are known. */
  static String ratios(Timing slow, Timing fast) {
    String wall = ratio(slow.wall().median(), fast.wall().median());
    if (slow.cpu() == null || fast.cpu() == null) {
      return wall;
    }
    return wall + " / " + ratio(slow.cpu().median(), fast.cpu().median());
  }

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
  }

  private static double quotient(Duration slow, Duration fast) {
    return (double) slow.toNanos() / fast.toNanos();
  }

  private static Optional<SizeResult> find(List<SizeResult> results, int services) {
    return results.stream().filter(result -> result.services() == services).findFirst();
  }

  private static String verdict(boolean met) {
    return met ? "MET" : "MISSED";
  }
}
