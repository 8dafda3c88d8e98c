package io.treum.gitops.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Formats the validate benchmark's results as a Markdown table (for README) and checks them against
 * issue 4's targets. Times are medians, wall-clock / CPU; the targets are judged on CPU time, which
 * other work on a shared machine disturbs far less than wall-clock time.
 */
public final class ValidateReport {
  /** Issue 4: the in-process engine evaluates at least this many objects per second on 2 cores. */
  static final double ENGINE_RATE_TARGET = 5000;

  /**
   * Linear growth: between two sizes, the time grows at most this much more than the number of
   * services (the Kustomize benchmark's 2.5× from 500 to 1000 services).
   */
  static final double GROWTH_TOLERANCE = 1.25;

  private ValidateReport() {}

  /** The results as a Markdown table, one row per size. */
  public static String table(List<ValidateSizeResult> results) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| services | objects, 3 environments | treum validate"
            + " | kustomize + conftest, cross rules once | ÷ treum"
            + " | kustomize + conftest --all-namespaces | ÷ treum | findings"
            + " | engine: evaluation CPU | engine objects/s, 1 core"
            + " | engine objects/s, 2 cores (wall) | engine objects/s, 2 cores, first round |\n");
    table.append("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (ValidateSizeResult result : results) {
      EngineTiming engine = result.engine();
      table
          .append("| ")
          .append(result.services())
          .append(" | ")
          .append(result.objects())
          .append(" | ")
          .append(BenchmarkReport.cell(result.validate()))
          .append(pipelineCells(result.crossRulesOnce(), result.validate()))
          .append(pipelineCells(result.allNamespaces(), result.validate()))
          .append(" | ")
          .append(
              !result.problems().isEmpty()
                  ? "**WRONG**"
                  : result.crossRulesOnce().compared() || result.allNamespaces().compared()
                      ? "= conftest"
                      : "not compared")
          .append(" | ")
          .append(BenchmarkReport.format(engine.evaluationCpu().median()))
          .append(" | ")
          .append(rate(engine.perCoreRate()))
          .append(" | ")
          .append(rate(engine.twoCoreRate()))
          .append(" (")
          .append(rate(engine.wallRate()))
          .append(") | ")
          .append(rate(engine.firstRoundRate()))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String pipelineCells(ValidateSizeResult.PipelineTiming pipeline, Timing treum) {
    if (pipeline.timing() == null) {
      return " | " + pipeline.note() + " | —";
    }
    return " | "
        + BenchmarkReport.cell(pipeline.timing())
        + " | "
        + BenchmarkReport.ratios(pipeline.timing(), treum);
  }

  /** One line per target of issue 4: what was measured and whether the target is met. */
  public static List<String> targets(List<ValidateSizeResult> results) {
    List<String> lines = new ArrayList<>();
    lines.add(
        fasterThanConftest(
            results, ValidateSizeResult::crossRulesOnce, "conftest with the cross rules once"));
    lines.add(
        fasterThanConftest(
            results, ValidateSizeResult::allNamespaces, "conftest --all-namespaces"));
    lines.add(linearGrowth(results));
    lines.add(engineRate(results));
    return lines;
  }

  private static String fasterThanConftest(
      List<ValidateSizeResult> results,
      Function<ValidateSizeResult, ValidateSizeResult.PipelineTiming> pipeline,
      String name) {
    List<String> ratios = new ArrayList<>();
    boolean met = true;
    boolean complete = true;
    for (ValidateSizeResult result : results) {
      Timing timing = pipeline.apply(result).timing();
      if (timing == null) {
        complete = false;
        ratios.add(result.services() + " services: " + pipeline.apply(result).note());
        continue;
      }
      ratios.add(
          result.services() + " services " + BenchmarkReport.ratios(timing, result.validate()));
      met &= quotient(timing.cpuOrWall(), result.validate().cpuOrWall()) > 1;
    }
    return "treum validates faster than kustomize + "
        + name
        + " at every size (their time ÷ treum's, wall / CPU): "
        + String.join(", ", ratios)
        + " — "
        + (!met ? "MISSED" : complete ? "MET" : "MET where measured, not measured at every size");
  }

  private static String linearGrowth(List<ValidateSizeResult> results) {
    if (results.size() < 2) {
      return "linear growth: not measured (run two sizes or more)";
    }
    List<String> steps = new ArrayList<>();
    boolean met = true;
    for (int i = 1; i < results.size(); i++) {
      ValidateSizeResult small = results.get(i - 1);
      ValidateSizeResult large = results.get(i);
      double services = (double) large.services() / small.services();
      double validate = quotient(large.validate().cpuOrWall(), small.validate().cpuOrWall());
      double engine =
          quotient(
              large.engine().evaluationCpu().median(), small.engine().evaluationCpu().median());
      met &= validate <= services * GROWTH_TOLERANCE && engine <= services * GROWTH_TOLERANCE;
      steps.add(
          String.format(
              Locale.ROOT,
              "%d → %d services (%s): validate %s, engine %s",
              small.services(),
              large.services(),
              times(services),
              times(validate),
              times(engine)));
    }
    return String.format(
        Locale.ROOT,
        "linear growth (CPU time grows at most %.2f× as much as the services): %s — %s",
        GROWTH_TOLERANCE,
        String.join("; ", steps),
        met ? "MET" : "MISSED");
  }

  private static String engineRate(List<ValidateSizeResult> results) {
    List<String> rates = new ArrayList<>();
    boolean met = true;
    for (ValidateSizeResult result : results) {
      EngineTiming engine = result.engine();
      met &= engine.twoCoreRate() >= ENGINE_RATE_TARGET;
      rates.add(
          result.services()
              + " services "
              + rate(engine.twoCoreRate())
              + " (1 core "
              + rate(engine.perCoreRate())
              + ", wall "
              + rate(engine.wallRate())
              + "; first round "
              + rate(engine.firstRoundRate())
              + ")");
    }
    return String.format(
        Locale.ROOT,
        "in-process engine ≥ %.0f objects/s on 2 cores once warm (from the evaluating threads' CPU"
            + " time; the first round, before the JIT has settled, is not judged): %s — %s",
        ENGINE_RATE_TARGET,
        String.join(", ", rates),
        met ? "MET" : "MISSED");
  }

  static String rate(double objectsPerSecond) {
    return String.format(Locale.ROOT, "%,.0f", objectsPerSecond);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  private static double quotient(Duration slow, Duration fast) {
    return (double) slow.toNanos() / fast.toNanos();
  }
}
