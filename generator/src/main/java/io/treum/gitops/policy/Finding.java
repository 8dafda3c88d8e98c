package io.treum.gitops.policy;

import java.util.Comparator;
import java.util.Objects;

/**
 * One result of one rule on one object in one environment.
 *
 * <p>Findings sort by environment, rule id, object, file, line, message, severity and definition:
 * the order of every report.
 *
 * @param ruleId the stable rule id from the rule's metadata (e.g. {@code TREUM-IMG-001})
 * @param severity how bad it is; for policy rules {@link Severity#ofConftestRule} of the rule name
 * @param message what is wrong, as the rule said it
 * @param environment the environment (overlay) the object belongs to, or {@link #ALL_ENVIRONMENTS}
 *     for a finding about a waiver that applies to every environment
 * @param object the object the finding is about
 * @param file the file in the tree that holds the object, relative to the tree's root with {@code
 *     /} separators, or {@code null} when unknown
 * @param line the 1-based line of the object in {@code file}, or 0 when unknown
 * @param definition for trees treum rendered, the Java definition that produced the object (e.g.
 *     {@code io.treum.platform.TreumPlatform#payments}), or {@code null}
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    String environment,
    ObjectRef object,
    String file,
    int line,
    String definition)
    implements Comparable<Finding> {

  /** The environment of findings about waivers that name no environment. */
  public static final String ALL_ENVIRONMENTS = "*";

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::environment)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::object)
          .thenComparing(Finding::file, NULLS_FIRST)
          .thenComparingInt(Finding::line)
          .thenComparing(Finding::message)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::definition, NULLS_FIRST);

  public Finding {
    ObjectRef.requireText(ruleId, "rule id");
    Objects.requireNonNull(severity, "severity");
    message = message == null ? "" : message;
    ObjectRef.requireText(environment, "environment");
    Objects.requireNonNull(object, "object");
    file = ObjectRef.blankToNull(file);
    if (file != null) {
      file = file.replace('\\', '/');
    }
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (unknown) or more: " + line);
    }
    if (file == null && line != 0) {
      throw new IllegalArgumentException("a line needs a file: line " + line + " of no file");
    }
    definition = ObjectRef.blankToNull(definition);
  }

  /** A finding without a known file, line or definition. */
  public static Finding of(
      String ruleId, Severity severity, String message, String environment, ObjectRef object) {
    return new Finding(ruleId, severity, message, environment, object, null, 0, null);
  }

  /**
   * This finding located in {@code file} (relative to the tree's root) at {@code line} (0:
   * unknown).
   */
  public Finding at(String file, int line) {
    return new Finding(ruleId, severity, message, environment, object, file, line, definition);
  }

  /** This finding with the Java definition that produced its object. */
  public Finding definedBy(String definition) {
    return new Finding(ruleId, severity, message, environment, object, file, line, definition);
  }

  /** Whether the line in {@link #file} is known. */
  public boolean hasLine() {
    return line > 0;
  }

  /** {@code file:line}, {@code file}, or {@code null} when the file is unknown. */
  public String location() {
    if (file == null) {
      return null;
    }
    return hasLine() ? file + ":" + line : file;
  }

  /** Whether the environment is {@link #ALL_ENVIRONMENTS}. */
  public boolean appliesToAllEnvironments() {
    return ALL_ENVIRONMENTS.equals(environment);
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }
}
