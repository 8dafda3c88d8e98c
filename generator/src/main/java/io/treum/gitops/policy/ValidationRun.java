package io.treum.gitops.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished validation: its result, the console report, and the report files written.
 *
 * @param result the findings and counts
 * @param text the text report, for the console
 * @param reports the report files written, in {@link ReportFormat} order
 * @param engine which engine evaluated
 * @param options how the reports were written; its {@code failOnWarn} decides {@link #passes}
 */
public record ValidationRun(
    ValidationResult result,
    String text,
    List<Path> reports,
    String engine,
    ReportOptions options) {
  public ValidationRun {
    Objects.requireNonNull(result, "result");
    reports = List.copyOf(reports);
    Objects.requireNonNull(options, "options");
  }

  /** Whether the build may go on. */
  public boolean passes() {
    return result.passes(options.failOnWarn());
  }

  /** Why the build fails, or empty when it {@link #passes}. */
  public Optional<String> failure() {
    return result.failure(options.failOnWarn());
  }
}
