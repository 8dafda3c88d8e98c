package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateReportTest {
  @Test
  void twoCoresTakeTheLongestThreadOrHalfOfAllThreads() {
    assertThat(EngineTiming.onTwoCores(List.of(ms(1000), ms(1000), ms(800)))).isEqualTo(ms(1400));
    assertThat(EngineTiming.onTwoCores(List.of(ms(3000), ms(500), ms(500)))).isEqualTo(ms(3000));
  }

  @Test
  void targetsAreMetWhenTreumIsFasterGrowsLinearlyAndTheEngineIsFast() {
    List<ValidateSizeResult> results =
        List.of(result(100, 1400, 1000, 5000, 100), result(1000, 14000, 9000, 60000, 900));

    assertThat(ValidateReport.targets(results))
        .containsExactly(
            "treum validates faster than kustomize + conftest with the cross rules once at every"
                + " size (their time ÷ treum's, wall / CPU): 100 services 5.00× / 5.00×, 1000"
                + " services 6.67× / 6.67× — MET",
            "treum validates faster than kustomize + conftest --all-namespaces at every size"
                + " (their time ÷ treum's, wall / CPU): 100 services 5.00× / 5.00×, 1000 services:"
                + " skipped (> 100 services) — MET where measured, not measured at every size",
            "linear growth (CPU time grows at most 1.25× as much as the services): 100 → 1000"
                + " services (10.00×): validate 9.00×, engine 9.00× — MET",
            "in-process engine ≥ 5000 objects/s on 2 cores once warm (from the evaluating"
                + " threads' CPU time; the first round, before the JIT has settled, is not judged):"
                + " 100 services 14,000 (1 core 7,000, wall 14,000; first round 4,667), 1000"
                + " services 15,556 (1 core 7,778, wall 15,556; first round 5,185) — MET");
  }

  @Test
  void targetsAreMissedWhenConftestWinsGrowthIsQuadraticOrTheEngineSlow() {
    List<ValidateSizeResult> results =
        List.of(result(100, 1400, 1000, 800, 1000), result(200, 2800, 4000, 20000, 4000));

    List<String> targets = ValidateReport.targets(results);

    assertThat(targets.get(0)).contains("0.80×").endsWith("MISSED");
    assertThat(targets.get(2)).contains("validate 4.00×").endsWith("MISSED");
    assertThat(targets.get(3)).contains("100 services 1,400").endsWith("MISSED");
  }

  @Test
  void theTableShowsBothConftestRunsAndWrongResults() {
    ValidateSizeResult wrong =
        new ValidateSizeResult(
            1000,
            14000,
            timing(9000),
            new ValidateSizeResult.PipelineTiming(timing(60000), "", true),
            new ValidateSizeResult.PipelineTiming(null, "skipped (> 100 services)", false),
            engine(14000, 900),
            List.of("dr: a difference"));

    assertThat(ValidateReport.table(List.of(result(100, 1400, 1000, 5000, 100), wrong)))
        .contains(
            "| 100 | 1400 | 1000 ms / 1000 ms | 5000 ms / 5000 ms | 5.00× / 5.00× | 5000 ms / 5000"
                + " ms | 5.00× / 5.00× | = conftest | 200 ms | 7,000 | 14,000 (14,000) | 4,667 |")
        .contains(
            "| 1000 | 14000 | 9000 ms / 9000 ms | 60.0 s / 60.0 s | 6.67× / 6.67× | skipped (> 100"
                + " services) | — | **WRONG** |");
  }

  private static ValidateSizeResult result(
      int services, int objects, long validateMillis, long conftestMillis, long engineMillis) {
    boolean allNamespaces = services <= 100;
    return new ValidateSizeResult(
        services,
        objects,
        timing(validateMillis),
        new ValidateSizeResult.PipelineTiming(timing(conftestMillis), "", true),
        new ValidateSizeResult.PipelineTiming(
            allNamespaces ? timing(conftestMillis) : null,
            allNamespaces ? "" : "skipped (> 100 services)",
            allNamespaces),
        engine(objects, engineMillis),
        List.of());
  }

  /** An engine whose threads took {@code twoCoreMillis} on two cores, twice that in all. */
  private static EngineTiming engine(int objects, long twoCoreMillis) {
    Samples twoCores = new Samples(List.of(ms(twoCoreMillis)));
    return new EngineTiming(
        objects,
        twoCores,
        new Samples(List.of(ms(twoCoreMillis * 2))),
        new Samples(List.of(ms(twoCoreMillis * 2))),
        twoCores,
        ms(twoCoreMillis * 3));
  }

  private static Timing timing(long millis) {
    return Timing.of(List.of(ms(millis)), List.of(ms(millis)));
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
