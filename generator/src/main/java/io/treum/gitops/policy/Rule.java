package io.treum.gitops.policy;

import java.util.Objects;

/**
 * A policy rule as its metadata describes it.
 *
 * @param id the stable id findings carry (e.g. {@code TREUM-IMG-001}); no whitespace
 * @param title one line saying what the rule wants (e.g. "Images come from the platform's ECR")
 * @param severity the rule's default severity
 * @param remediation how to fix a finding; empty when the metadata gives none
 * @param waivable whether a waiver may accept a finding of this rule
 */
public record Rule(String id, String title, Severity severity, String remediation, boolean waivable)
    implements Comparable<Rule> {

  public Rule {
    ObjectRef.requireText(id, "rule id");
    if (!id.equals(id.strip()) || id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("rule id '" + id + "' must not contain whitespace");
    }
    ObjectRef.requireText(title, "title of rule " + id);
    Objects.requireNonNull(severity, "severity");
    remediation = remediation == null ? "" : remediation.strip();
  }

  /**
   * The stand-in for a rule that has findings but no metadata (a user policy without {@code #
   * METADATA}): titled by its id, no remediation, waivable.
   */
  public static Rule undocumented(String id, Severity severity) {
    return new Rule(id, id, severity, "", true);
  }

  @Override
  public int compareTo(Rule other) {
    return id.compareTo(other.id);
  }
}
