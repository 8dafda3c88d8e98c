package io.treum.gitops.policy;

/**
 * Reports that cannot be written because of the user's parameters: an unknown report format, a
 * report directory that is a file. The message names the parameter and the fix.
 */
public class ReportException extends RuntimeException {
  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
