package io.treum.gitops.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a waiver file to the findings of a run, on the day the injected clock gives (in UTC):
 *
 * <ul>
 *   <li>a waiver for a rule the catalogue marks not waivable waives nothing and is itself a {@link
 *       WaiverRules#FORBIDDEN} error;
 *   <li>otherwise, an expired waiver waives nothing and is a {@link WaiverRules#EXPIRED} error;
 *   <li>otherwise, it waives every finding it matches (a finding matched by several waivers is
 *       waived by the first in the file), and is a {@link WaiverRules#UNUSED} warning if it matches
 *       none.
 * </ul>
 *
 * Waivers for an environment the run did not evaluate are left alone: a run over some overlays says
 * nothing about the others. Findings about a waiver point at its line in the waiver file.
 */
public final class WaiverApplier {
  private final Clock clock;

  public WaiverApplier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Applies {@code waivers} to {@code findings}.
   *
   * @param findings the findings of the policies, in any order
   * @param waivers the waiver file's entries
   * @param rules tells which rules are waivable (rules it does not know are)
   * @param environments the environments the run evaluated
   */
  public WaiverOutcome apply(
      Collection<Finding> findings,
      Waivers waivers,
      RuleCatalogue rules,
      Collection<String> environments) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Set<String> evaluated = new TreeSet<>(environments);
    List<Finding> standing = new ArrayList<>();
    List<WaivedFinding> waived = new ArrayList<>();
    // usable waivers in file order, each with whether it matched a finding
    Map<Waiver, Boolean> usable = new LinkedHashMap<>();
    for (Waiver waiver : waivers.entries()) {
      if (waiver.environment() != null && !evaluated.contains(waiver.environment())) {
        continue;
      }
      if (!rules.isWaivable(waiver.rule())) {
        standing.add(
            about(
                waiver,
                WaiverRules.FORBIDDEN,
                waiver.label()
                    + ": rule "
                    + waiver.rule()
                    + " cannot be waived, so this waiver waives nothing"));
      } else if (waiver.isExpiredOn(today)) {
        standing.add(
            about(
                waiver,
                WaiverRules.EXPIRED,
                waiver.label()
                    + " expired on "
                    + waiver.expires()
                    + " (owner "
                    + waiver.owner()
                    + "), so it waives nothing"));
      } else {
        usable.put(waiver, false);
      }
    }
    for (Finding finding : WaiverOutcome.sorted(List.copyOf(findings))) {
      Waiver match = null;
      for (Map.Entry<Waiver, Boolean> candidate : usable.entrySet()) {
        if (candidate.getKey().matches(finding)) {
          candidate.setValue(true);
          if (match == null) {
            match = candidate.getKey();
          }
        }
      }
      if (match == null) {
        standing.add(finding);
      } else {
        waived.add(new WaivedFinding(finding, match));
      }
    }
    usable.forEach(
        (waiver, used) -> {
          if (!used) {
            standing.add(about(waiver, WaiverRules.UNUSED, unused(waiver, rules)));
          }
        });
    return new WaiverOutcome(standing, waived);
  }

  private static String unused(Waiver waiver, RuleCatalogue rules) {
    String message = waiver.label() + " matches no finding";
    if (rules.size() > 0 && rules.find(waiver.rule()).isEmpty()) {
      message += "; no rule has the id " + waiver.rule();
    }
    return message;
  }

  private static Finding about(Waiver waiver, Rule rule, String message) {
    return new Finding(
        rule.id(),
        rule.severity(),
        message,
        waiver.reportedEnvironment(),
        waiver.object().toObjectRef(),
        waiver.file(),
        waiver.line(),
        null);
  }
}
