package io.treum.gitops.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of the waiver file: the owner accepts findings of {@code rule} on {@code object} (in
 * {@code environment}, or in every environment) for {@code reason}, until {@code expires}.
 *
 * @param rule the rule id it waives
 * @param object the object it waives the rule for
 * @param environment the environment it applies to, or {@code null} for every environment
 * @param reason why the finding is accepted
 * @param owner who accepted it (a team or person to ask)
 * @param expires the day the waiver stops applying: it waives findings before this date (UTC) and
 *     is expired on and after it
 * @param file the waiver file, relative to the tree's root where it lies inside the tree
 * @param entry the entry's 1-based position in the file
 * @param line the entry's 1-based line in the file, or 0 when unknown
 */
public record Waiver(
    String rule,
    WaiverTarget object,
    String environment,
    String reason,
    String owner,
    LocalDate expires,
    String file,
    int entry,
    int line) {

  public Waiver {
    ObjectRef.requireText(rule, "rule");
    Objects.requireNonNull(object, "object");
    environment = ObjectRef.blankToNull(environment);
    ObjectRef.requireText(reason, "reason");
    ObjectRef.requireText(owner, "owner");
    Objects.requireNonNull(expires, "expires");
    ObjectRef.requireText(file, "file");
    if (entry < 1 || line < 0) {
      throw new IllegalArgumentException("entry must be 1 or more and line 0 or more");
    }
  }

  /** Whether this waiver covers the finding's rule, object and environment (expiry aside). */
  public boolean matches(Finding finding) {
    return rule.equals(finding.ruleId())
        && object.matches(finding.object())
        && (environment == null || environment.equals(finding.environment()));
  }

  /** Whether the waiver has expired on {@code today}: from its expiry date on. */
  public boolean isExpiredOn(LocalDate today) {
    return !today.isBefore(expires);
  }

  /** The environment findings about this waiver are reported in. */
  public String reportedEnvironment() {
    return environment == null ? Finding.ALL_ENVIRONMENTS : environment;
  }

  /**
   * Names the entry: {@code waiver 3 (TREUM-SEC-001 on Deployment/payments/api in production)}.
   * Findings about the waiver carry its file and line separately.
   */
  public String label() {
    return "waiver "
        + entry
        + " ("
        + rule
        + " on "
        + object
        + (environment == null ? " in every environment" : " in " + environment)
        + ")";
  }

  /**
   * Names the entry with its place, for messages: {@code waiver 3 (TREUM-SEC-001 on
   * Deployment/payments/api in production) at treum-waivers.yaml:12}.
   */
  public String describe() {
    return label() + " at " + file + (line > 0 ? ":" + line : "");
  }
}
