package io.treum.gitops.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one validation run found: the findings that stand, the findings waived, and how much was
 * evaluated. Everything is sorted, so reports made from equal results are equal byte for byte.
 *
 * @param environments the environments evaluated, sorted and without repeats
 * @param findings the findings no waiver accepted, including those about the waivers ({@link
 *     WaiverRules}), sorted
 * @param waived the findings a waiver accepted, sorted
 * @param catalogue the rules' metadata, for titles and remediation in reports
 * @param rulesEvaluated how many policy rules were evaluated; a run with none never passes
 * @param objectsEvaluated how many objects were evaluated, over all environments; a run with none
 *     never passes
 */
public record ValidationResult(
    List<String> environments,
    List<Finding> findings,
    List<WaivedFinding> waived,
    RuleCatalogue catalogue,
    int rulesEvaluated,
    int objectsEvaluated) {

  /** The parameter that makes warnings fail the build. */
  public static final String FAIL_ON_WARN_PARAMETER = "treum.failOnWarn";

  public ValidationResult {
    environments = List.copyOf(new TreeSet<>(environments));
    findings = WaiverOutcome.sorted(findings);
    waived = WaiverOutcome.sorted(waived);
    Objects.requireNonNull(catalogue, "catalogue");
    if (rulesEvaluated < 0 || objectsEvaluated < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** The result of a run whose findings went through {@link WaiverApplier}. */
  public static ValidationResult of(
      Collection<String> environments,
      WaiverOutcome outcome,
      RuleCatalogue catalogue,
      int rulesEvaluated,
      int objectsEvaluated) {
    return new ValidationResult(
        List.copyOf(environments),
        outcome.findings(),
        outcome.waived(),
        catalogue,
        rulesEvaluated,
        objectsEvaluated);
  }

  /**
   * The environments reports group by: those evaluated and any other a finding names (such as
   * {@link Finding#ALL_ENVIRONMENTS}), sorted.
   */
  public List<String> reportedEnvironments() {
    SortedSet<String> names = new TreeSet<>(environments);
    findings.forEach(f -> names.add(f.environment()));
    waived.forEach(w -> names.add(w.finding().environment()));
    return List.copyOf(names);
  }

  /** The standing findings of each {@link #reportedEnvironments() reported environment}. */
  public SortedMap<String, List<Finding>> findingsByEnvironment() {
    SortedMap<String, List<Finding>> grouped = new TreeMap<>();
    reportedEnvironments().forEach(e -> grouped.put(e, new ArrayList<>()));
    findings.forEach(f -> grouped.get(f.environment()).add(f));
    grouped.replaceAll((e, list) -> List.copyOf(list));
    return grouped;
  }

  /** The waived findings of each {@link #reportedEnvironments() reported environment}. */
  public SortedMap<String, List<WaivedFinding>> waivedByEnvironment() {
    SortedMap<String, List<WaivedFinding>> grouped = new TreeMap<>();
    reportedEnvironments().forEach(e -> grouped.put(e, new ArrayList<>()));
    waived.forEach(w -> grouped.get(w.finding().environment()).add(w));
    grouped.replaceAll((e, list) -> List.copyOf(list));
    return grouped;
  }

  /** How many standing findings have this severity. */
  public int count(Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }

  /**
   * Why the run checked nothing, if it did not: no rule or no object was evaluated. Such a run
   * never passes, whatever it found.
   */
  public Optional<String> evaluationProblem() {
    if (rulesEvaluated == 0) {
      return Optional.of(
          "no policy rule was evaluated, so nothing was checked: the policies hold no deny, warn"
              + " or violation rule (check the policy bundle and treum.policies)");
    }
    if (environments.isEmpty()) {
      return Optional.of("no environment was evaluated, so nothing was checked");
    }
    if (objectsEvaluated == 0) {
      return Optional.of(
          "no object was evaluated, so nothing was checked: the overlays "
              + environments
              + " built to no objects");
    }
    return Optional.empty();
  }

  /**
   * Whether the build may go on: no problem with the evaluation, no standing error, and no standing
   * warning when {@code failOnWarn}.
   */
  public boolean passes(boolean failOnWarn) {
    return failure(failOnWarn).isEmpty();
  }

  /** Why the build fails, or empty when it {@link #passes passes}. */
  public Optional<String> failure(boolean failOnWarn) {
    Optional<String> problem = evaluationProblem();
    if (problem.isPresent()) {
      return problem;
    }
    int errors = count(Severity.ERROR);
    int warnings = failOnWarn ? count(Severity.WARNING) : 0;
    if (errors == 0 && warnings == 0) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (errors > 0) {
      parts.add(plural(errors, "error"));
    }
    if (warnings > 0) {
      parts.add(plural(warnings, "warning") + " (" + FAIL_ON_WARN_PARAMETER + ")");
    }
    return Optional.of(
        "policy violations: "
            + String.join(" and ", parts)
            + " in "
            + String.join(", ", failingEnvironments(failOnWarn)));
  }

  private List<String> failingEnvironments(boolean failOnWarn) {
    SortedSet<String> names = new TreeSet<>();
    for (Finding finding : findings) {
      if (finding.severity() == Severity.ERROR
          || (failOnWarn && finding.severity() == Severity.WARNING)) {
        names.add(label(finding.environment()));
      }
    }
    return List.copyOf(names);
  }

  /**
   * One line with the counts: {@code 3 errors, 1 warning, 1 waived; 31 rules evaluated on 148
   * objects in 2 environments}.
   */
  public String summary() {
    List<String> counts = new ArrayList<>();
    if (count(Severity.ERROR) > 0) {
      counts.add(plural(count(Severity.ERROR), "error"));
    }
    if (count(Severity.WARNING) > 0) {
      counts.add(plural(count(Severity.WARNING), "warning"));
    }
    if (count(Severity.INFO) > 0) {
      counts.add(count(Severity.INFO) + " info");
    }
    if (!waived.isEmpty()) {
      counts.add(waived.size() + " waived");
    }
    return (counts.isEmpty() ? "no findings" : String.join(", ", counts))
        + "; "
        + plural(rulesEvaluated, "rule")
        + " evaluated on "
        + plural(objectsEvaluated, "object")
        + " in "
        + plural(environments.size(), "environment");
  }

  /**
   * The rules reports describe: every rule of the catalogue and every rule a finding names (an
   * {@link Rule#undocumented undocumented} stand-in when the catalogue lacks it), sorted by id.
   */
  public List<Rule> rules() {
    SortedMap<String, Rule> rules = new TreeMap<>();
    catalogue.rules().forEach(r -> rules.put(r.id(), r));
    findings.forEach(f -> rules.computeIfAbsent(f.ruleId(), id -> rule(f)));
    waived.forEach(w -> rules.computeIfAbsent(w.finding().ruleId(), id -> rule(w.finding())));
    return List.copyOf(rules.values());
  }

  /** The rule of a finding, from the catalogue or an {@link Rule#undocumented} stand-in. */
  public Rule rule(Finding finding) {
    return catalogue.ruleFor(finding.ruleId(), finding.severity());
  }

  /** How reports name an environment: {@link Finding#ALL_ENVIRONMENTS} reads "all environments". */
  public static String label(String environment) {
    return Finding.ALL_ENVIRONMENTS.equals(environment) ? "all environments" : environment;
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
