package io.treum.gitops.policy;

import java.util.List;

/**
 * treum's own rules about the waiver file. Their findings come from {@link WaiverApplier}, not from
 * a policy; none of them can be waived, and rule catalogues may not redefine their ids.
 */
public final class WaiverRules {
  /** The prefix reserved for these rules. */
  public static final String ID_PREFIX = "TREUM-WAIVER-";

  /** A waiver whose expiry date has come: an error of its own, and it waives nothing. */
  public static final Rule EXPIRED =
      new Rule(
          "TREUM-WAIVER-EXPIRED",
          "Waivers are renewed before they expire",
          Severity.ERROR,
          "Fix the finding and delete the waiver, or agree a new expiry date with the owner and"
              + " update 'expires' and 'reason'.",
          false);

  /** A waiver that matches no finding: a warning, it is stale or mistyped. */
  public static final Rule UNUSED =
      new Rule(
          "TREUM-WAIVER-UNUSED",
          "Waivers match a finding",
          Severity.WARNING,
          "Delete the waiver if the finding is fixed; otherwise correct its rule, object or"
              + " environment (copy them from the report).",
          false);

  /** A waiver for a rule that cannot be waived: an error, and it waives nothing. */
  public static final Rule FORBIDDEN =
      new Rule(
          "TREUM-WAIVER-FORBIDDEN",
          "Only waivable rules are waived",
          Severity.ERROR,
          "This rule cannot be waived: fix the finding and delete the waiver.",
          false);

  private WaiverRules() {}

  /** The three rules, sorted by id. */
  public static List<Rule> all() {
    return List.of(EXPIRED, FORBIDDEN, UNUSED);
  }
}
