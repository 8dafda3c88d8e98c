package io.treum.gitops.policy;

import java.util.Locale;

/**
 * How bad a finding is. Declared from the most to the least severe, so the natural order sorts
 * errors first.
 */
public enum Severity {
  /** A {@code deny} or {@code violation}: fails the build unless waived. */
  ERROR("error", "error"),
  /** A {@code warn}: fails the build only with {@code treum.failOnWarn}. */
  WARNING("warning", "warning"),
  /** Information only: never fails the build. */
  INFO("info", "note");

  private final String label;
  private final String sarifLevel;

  Severity(String label, String sarifLevel) {
    this.label = label;
    this.sarifLevel = sarifLevel;
  }

  /** The lower-case name used in reports and in the rule catalogue: error, warning, info. */
  public String label() {
    return label;
  }

  /** The SARIF 2.1.0 {@code level}: error, warning or note. */
  public String sarifLevel() {
    return sarifLevel;
  }

  /**
   * The severity of a Conftest-style rule from its name: {@code deny}, {@code violation} (and
   * {@code deny_*}, {@code violation_*}) are errors, {@code warn} and {@code warn_*} are warnings.
   *
   * @throws IllegalArgumentException for any other name ({@code exception} rules yield no finding)
   */
  public static Severity ofConftestRule(String ruleName) {
    String kind = ruleName == null ? "" : ruleName;
    int suffix = kind.indexOf('_');
    String prefix = suffix < 0 ? kind : kind.substring(0, suffix);
    return switch (prefix) {
      case "deny", "violation" -> ERROR;
      case "warn" -> WARNING;
      default ->
          throw new IllegalArgumentException(
              "'"
                  + ruleName
                  + "' is not a Conftest rule that yields findings: expected deny, violation or"
                  + " warn, optionally with a _suffix");
    };
  }

  /**
   * Parses a severity as written in rule metadata: {@code error}, {@code warning}, {@code info}
   * (any case), or the Conftest words {@code deny}, {@code violation} and {@code warn}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Severity parse(String value) {
    String word = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (word) {
      case "error", "deny", "violation" -> ERROR;
      case "warning", "warn" -> WARNING;
      case "info" -> INFO;
      default ->
          throw new IllegalArgumentException(
              "unknown severity '"
                  + value
                  + "': use error, warning or info (or deny, violation, warn)");
    };
  }
}
