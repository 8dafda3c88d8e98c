package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationResultTest {
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");

  static ValidationResult result(
      int errors, int warnings, int info, int waived, int rules, int objects) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < errors; i++) {
      findings.add(Finding.of("E-" + i, Severity.ERROR, "e", "production", API));
    }
    for (int i = 0; i < warnings; i++) {
      findings.add(Finding.of("W-" + i, Severity.WARNING, "w", "dr", API));
    }
    for (int i = 0; i < info; i++) {
      findings.add(Finding.of("I-" + i, Severity.INFO, "i", "dr", API));
    }
    List<WaivedFinding> accepted = new ArrayList<>();
    for (int i = 0; i < waived; i++) {
      Finding finding = Finding.of("E-" + i, Severity.ERROR, "e", "dr", API);
      accepted.add(
          new WaivedFinding(
              finding,
              new Waiver(
                  "E-" + i,
                  WaiverTarget.parse("Deployment/api"),
                  null,
                  "r",
                  "o",
                  java.time.LocalDate.of(2030, 1, 1),
                  "treum-waivers.yaml",
                  i + 1,
                  0)));
    }
    return new ValidationResult(
        List.of("production", "dr"), findings, accepted, RuleCatalogue.empty(), rules, objects);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          clean                                | 0 | 0 | 0 | 0 | 31 | 148 | false | true  | -
          info never fails                     | 0 | 0 | 3 | 0 | 31 | 148 | true  | true  | -
          waived errors do not fail            | 0 | 0 | 0 | 2 | 31 | 148 | false | true  | -
          warnings pass by default             | 0 | 2 | 0 | 0 | 31 | 148 | false | true  | -
          warnings fail with failOnWarn        | 0 | 2 | 0 | 0 | 31 | 148 | true  | false | policy violations: 2 warnings (treum.failOnWarn) in dr
          one error fails                      | 1 | 0 | 0 | 0 | 31 | 148 | false | false | policy violations: 1 error in production
          errors and warnings                  | 2 | 1 | 0 | 0 | 31 | 148 | true  | false | policy violations: 2 errors and 1 warning (treum.failOnWarn) in dr, production
          zero rules never passes              | 0 | 0 | 0 | 0 | 0  | 148 | false | false | no policy rule was evaluated, so nothing was checked: the policies hold no deny, warn or violation rule (check the policy bundle and treum.policies)
          zero rules and errors: nothing ran   | 3 | 0 | 0 | 0 | 0  | 148 | false | false | no policy rule was evaluated, so nothing was checked: the policies hold no deny, warn or violation rule (check the policy bundle and treum.policies)
          zero objects never passes            | 0 | 0 | 0 | 0 | 31 | 0   | false | false | no object was evaluated, so nothing was checked: the overlays [dr, production] built to no objects
          """)
  void passesOnlyWithoutStandingErrorsAndWithSomethingEvaluated(
      String name,
      int errors,
      int warnings,
      int info,
      int waived,
      int rules,
      int objects,
      boolean failOnWarn,
      boolean passes,
      String failure) {
    ValidationResult result = result(errors, warnings, info, waived, rules, objects);
    assertThat(result.passes(failOnWarn)).isEqualTo(passes);
    assertThat(result.failure(failOnWarn))
        .isEqualTo(failure.equals("-") ? Optional.empty() : Optional.of(failure));
  }

  @Test
  void noEnvironmentsNeverPasses() {
    ValidationResult result =
        new ValidationResult(List.of(), List.of(), List.of(), RuleCatalogue.empty(), 3, 0);
    assertThat(result.passes(false)).isFalse();
    assertThat(result.failure(false))
        .contains("no environment was evaluated, so nothing was checked");
  }

  @ParameterizedTest(name = "{6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 | 0 | 0 | 0 | 31 | 148 | no findings; 31 rules evaluated on 148 objects in 2 environments
          1 | 1 | 1 | 1 | 1  | 1   | 1 error, 1 warning, 1 info, 1 waived; 1 rule evaluated on 1 object in 2 environments
          3 | 2 | 0 | 4 | 0  | 0   | 3 errors, 2 warnings, 4 waived; 0 rules evaluated on 0 objects in 2 environments
          """)
  void summarisesCounts(
      int errors, int warnings, int info, int waived, int rules, int objects, String summary) {
    assertThat(result(errors, warnings, info, waived, rules, objects).summary()).isEqualTo(summary);
  }

  @Test
  void groupsByEnvironmentWithEveryEvaluatedEnvironmentAndWaiverFindings() {
    Finding unused =
        Finding.of(
            WaiverRules.UNUSED.id(),
            Severity.WARNING,
            "u",
            Finding.ALL_ENVIRONMENTS,
            new ObjectRef(null, "Deployment", null, "api"));
    Finding error = Finding.of("E", Severity.ERROR, "e", "production", API);
    ValidationResult result =
        new ValidationResult(
            List.of("production", "dr", "staging", "dr"),
            List.of(error, unused),
            List.of(),
            RuleCatalogue.empty(),
            1,
            1);
    assertThat(result.environments()).containsExactly("dr", "production", "staging");
    assertThat(result.reportedEnvironments()).containsExactly("*", "dr", "production", "staging");
    assertThat(result.findingsByEnvironment())
        .containsExactly(
            java.util.Map.entry("*", List.of(unused)),
            java.util.Map.entry("dr", List.of()),
            java.util.Map.entry("production", List.of(error)),
            java.util.Map.entry("staging", List.of()));
    assertThat(result.findings()).containsExactly(unused, error);
  }

  @Test
  void reportsDescribeTheCatalogueAndEveryRuleAFindingNames() {
    Rule documented = new Rule("TREUM-IMG-001", "Private ECR", Severity.ERROR, "Push to ECR", true);
    ValidationResult result =
        new ValidationResult(
            List.of("dr"),
            List.of(
                Finding.of("main.warn_labels", Severity.WARNING, "w", "dr", API),
                Finding.of(WaiverRules.EXPIRED.id(), Severity.ERROR, "x", "dr", API)),
            List.of(),
            RuleCatalogue.of(List.of(documented)),
            2,
            5);
    assertThat(result.rules())
        .containsExactly(
            documented,
            WaiverRules.EXPIRED,
            Rule.undocumented("main.warn_labels", Severity.WARNING));
  }
}
