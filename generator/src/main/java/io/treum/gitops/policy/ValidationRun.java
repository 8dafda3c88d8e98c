package io.treum.gitops.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished validation: its result, the console report, and the report files written.
 *
 * @param result the findings and counts
 * @param text the text report, for the console
 * @param reports the report files written, in {@link ReportFormat} order
 * @param engine which engine evaluated
 * @param failOnWarn whether warnings fail the run
 */
public record ValidationRun(
    ValidationResult result, String text, List<Path> reports, String engine, boolean failOnWarn) {
  public ValidationRun {
    reports = List.copyOf(reports);
  }

  /** Whether the build may go on. */
  public boolean passes() {
    return result.passes(failOnWarn);
  }
}
