package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void durationsReadAsMillisecondsOrSeconds() {
    assertThat(BenchmarkReport.format(Duration.ofNanos(4_250_000))).isEqualTo("4.25 ms");
    assertThat(BenchmarkReport.format(Duration.ofNanos(42_500_000))).isEqualTo("42.5 ms");
    assertThat(BenchmarkReport.format(Duration.ofMillis(4_250))).isEqualTo("4250 ms");
    assertThat(BenchmarkReport.format(Duration.ofMillis(81_340))).isEqualTo("81.3 s");
    assertThat(BenchmarkReport.ratio(Duration.ofSeconds(80), Duration.ofMillis(400)))
        .isEqualTo("200×");
    assertThat(BenchmarkReport.ratio(Duration.ofMillis(300), Duration.ofMillis(100)))
        .isEqualTo("3.00×");
  }

  @Test
  void targetsAreJudgedOnCpuTimeAndMetWhenGrowthIsLinearSpeedUpLargeAndHeapSmall() {
    List<String> targets =
        BenchmarkReport.targets(
            List.of(result(500, 400, Duration.ofSeconds(80)), result(1000, 900, null)), 512 * MIB);

    assertThat(targets)
        .containsExactly(
            "linear growth (1000 services ≤ 2.5× the time of 500): build 2.25× / 2.25×, build +"
                + " YAML 2.25× / 2.25× (wall / CPU) — MET",
            "≥ 50× faster than kustomize at 500 services: 200× / 182× against build + YAML,"
                + " 200× / 182× against build only (wall / CPU) — MET",
            "1000 services × 3 overlays within -Xmx512m: hydrated in 2700 ms (wall / CPU), max"
                + " heap 512 MiB, the three YAML streams hold 20 MiB — MET");
  }

  @Test
  void targetsAreMissedWhenGrowthIsQuadraticOrSpeedUpSmall() {
    List<String> targets =
        BenchmarkReport.targets(
            List.of(result(500, 1000, Duration.ofSeconds(20)), result(1000, 4000, null)),
            2048 * MIB);

    assertThat(targets.get(0)).contains("build 4.00×").endsWith("MISSED");
    assertThat(targets.get(1)).contains("20×").endsWith("MISSED");
    assertThat(targets.get(2)).endsWith("not checked (the JVM's heap exceeds 512 MiB)");
  }

  @Test
  void theTableNamesSkippedKustomizeRunsAndWrongOutput() {
    SizeResult wrong =
        new SizeResult(
            1000,
            5000,
            samples(900),
            samples(900),
            null,
            "skipped (> 500 services)",
            false,
            List.of("dev: missing Deployment"),
            Timing.of(List.of(Duration.ofSeconds(3)), List.of()),
            0);

    assertThat(BenchmarkReport.table(List.of(result(500, 400, Duration.ofSeconds(80)), wrong)))
        .contains(
            "| 500 | 2500 | 400 ms / 440 ms | 400 ms / 440 ms | 80.0 s / 80.0 s | 200× / 182×"
                + " | = kustomize | 1200 ms |")
        .contains(
            "| 1000 | 5000 | 900 ms / 990 ms | 900 ms / 990 ms | skipped (> 500 services) | — |"
                + " **WRONG** |");
  }

  private static SizeResult result(int services, long treumMillis, Duration kustomize) {
    return new SizeResult(
        services,
        services * 5,
        samples(treumMillis),
        samples(treumMillis),
        kustomize == null ? null : Timing.of(List.of(kustomize), List.of(kustomize)),
        kustomize == null ? "skipped (> 500 services)" : "",
        kustomize != null,
        List.of(),
        Timing.of(List.of(Duration.ofMillis(treumMillis * 3)), List.of()),
        20 * MIB);
  }

  /** Three runs with a median of {@code millis}, and CPU time 10% above wall-clock time. */
  private static Timing samples(long millis) {
    return Timing.of(
        List.of(
            Duration.ofMillis(millis), Duration.ofMillis(millis + 50), Duration.ofMillis(millis)),
        List.of(
            Duration.ofMillis(millis * 11 / 10),
            Duration.ofMillis(millis * 11 / 10),
            Duration.ofMillis(millis * 11 / 10)));
  }
}
