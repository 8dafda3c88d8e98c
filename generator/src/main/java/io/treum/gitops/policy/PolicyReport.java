package io.treum.gitops.policy;

/**
 * One report format. Rendering is pure: equal results and options give equal text, and nothing
 * (time, host, absolute paths) enters that is not in them.
 */
public interface PolicyReport {

  /** The report's full text. */
  String render(ValidationResult result, ReportOptions options);
}
