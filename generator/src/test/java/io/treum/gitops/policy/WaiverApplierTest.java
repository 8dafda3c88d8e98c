package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WaiverApplierTest {
  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "payments", "api");
  static final ObjectRef OTHER_API = new ObjectRef("apps/v1", "Deployment", "search", "api");
  static final RuleCatalogue RULES =
      RuleCatalogue.of(
          List.of(
              new Rule("SEC-001", "Run as non-root", Severity.ERROR, "", true),
              new Rule("SEC-004", "Not privileged", Severity.ERROR, "", false),
              new Rule("REL-001", "Readiness probe", Severity.WARNING, "", true)));

  /** A clock at 23:30 UTC, late in the evening of today but already tomorrow east of UTC. */
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-06-15T23:30:00Z"), ZoneId.of("Asia/Kolkata"));

  static Finding finding(String environment, String rule, ObjectRef object) {
    return Finding.of(rule, Severity.ERROR, rule + " on " + object, environment, object);
  }

  static Waiver waiver(
      int entry, String rule, String object, String environment, LocalDate expires) {
    return new Waiver(
        rule,
        WaiverTarget.parse(object),
        environment,
        "reason " + entry,
        "owner " + entry,
        expires,
        "treum-waivers.yaml",
        entry,
        entry * 7);
  }

  /** Expected outcome: the standing findings' rule ids and environments, and the waived count. */
  record Expected(List<String> standing, int waived) {}

  static Stream<Arguments> cases() {
    LocalDate later = TODAY.plusDays(30);
    return Stream.of(
        Arguments.of(
            "a matching, unexpired waiver waives the finding",
            List.of(finding("production", "SEC-001", API)),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", "production", later)),
            new Expected(List.of(), 1)),
        Arguments.of(
            "a waiver without environment waives in every environment",
            List.of(finding("dr", "SEC-001", API), finding("production", "SEC-001", API)),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", null, later)),
            new Expected(List.of(), 2)),
        Arguments.of(
            "a waiver without namespace waives the name in any namespace",
            List.of(finding("dr", "SEC-001", API), finding("dr", "SEC-001", OTHER_API)),
            List.of(waiver(1, "SEC-001", "Deployment/api", "dr", later)),
            new Expected(List.of(), 2)),
        Arguments.of(
            "a waiver with namespace waives only that namespace",
            List.of(finding("dr", "SEC-001", API), finding("dr", "SEC-001", OTHER_API)),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", "dr", later)),
            new Expected(List.of("dr SEC-001"), 1)),
        Arguments.of(
            "another rule, kind or environment is not waived",
            List.of(
                finding("dr", "REL-001", API),
                finding("dr", "SEC-001", new ObjectRef("v1", "Service", "payments", "api")),
                finding("production", "SEC-001", API)),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", "dr", later)),
            new Expected(
                List.of("dr REL-001", "dr SEC-001", "dr TREUM-WAIVER-UNUSED", "production SEC-001"),
                0)),
        Arguments.of(
            "a waiver that matches nothing is a warning",
            List.of(),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", "production", later)),
            new Expected(List.of("production TREUM-WAIVER-UNUSED"), 0)),
        Arguments.of(
            "an unused waiver for every environment is reported for all environments",
            List.of(),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", null, later)),
            new Expected(List.of("* TREUM-WAIVER-UNUSED"), 0)),
        Arguments.of(
            "an expired waiver fails and waives nothing",
            List.of(finding("production", "SEC-001", API)),
            List.of(
                waiver(1, "SEC-001", "Deployment/payments/api", "production", TODAY.minusDays(1))),
            new Expected(List.of("production SEC-001", "production TREUM-WAIVER-EXPIRED"), 0)),
        Arguments.of(
            "a waiver is expired on its expiry date (UTC)",
            List.of(finding("production", "SEC-001", API)),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", "production", TODAY)),
            new Expected(List.of("production SEC-001", "production TREUM-WAIVER-EXPIRED"), 0)),
        Arguments.of(
            "a waiver still holds the day before its expiry date (UTC)",
            List.of(finding("production", "SEC-001", API)),
            List.of(
                waiver(1, "SEC-001", "Deployment/payments/api", "production", TODAY.plusDays(1))),
            new Expected(List.of(), 1)),
        Arguments.of(
            "an expired waiver that matches nothing is only expired",
            List.of(),
            List.of(waiver(1, "SEC-001", "Deployment/payments/api", "production", TODAY)),
            new Expected(List.of("production TREUM-WAIVER-EXPIRED"), 0)),
        Arguments.of(
            "a waiver for a rule that is not waivable fails and waives nothing",
            List.of(finding("production", "SEC-004", API)),
            List.of(waiver(1, "SEC-004", "Deployment/payments/api", "production", later)),
            new Expected(List.of("production SEC-004", "production TREUM-WAIVER-FORBIDDEN"), 0)),
        Arguments.of(
            "a forbidden waiver is forbidden even when expired",
            List.of(),
            List.of(waiver(1, "SEC-004", "Deployment/payments/api", "production", TODAY)),
            new Expected(List.of("production TREUM-WAIVER-FORBIDDEN"), 0)),
        Arguments.of(
            "waivers of treum's own rules are forbidden",
            List.of(),
            List.of(waiver(1, "TREUM-WAIVER-UNUSED", "Deployment/payments/api", null, later)),
            new Expected(List.of("* TREUM-WAIVER-FORBIDDEN"), 0)),
        Arguments.of(
            "waivers for environments the run did not evaluate are left alone",
            List.of(),
            List.of(
                waiver(1, "SEC-001", "Deployment/payments/api", "staging", later),
                waiver(2, "SEC-001", "Deployment/payments/api", "staging", TODAY),
                waiver(3, "SEC-004", "Deployment/payments/api", "staging", later)),
            new Expected(List.of(), 0)),
        Arguments.of(
            "a rule without metadata can be waived",
            List.of(finding("dr", "main.deny", API)),
            List.of(waiver(1, "main.deny", "Deployment/payments/api", "dr", later)),
            new Expected(List.of(), 1)),
        Arguments.of(
            "two waivers matching one finding: both are used, the first waives",
            List.of(finding("dr", "SEC-001", API)),
            List.of(
                waiver(1, "SEC-001", "Deployment/api", "dr", later),
                waiver(2, "SEC-001", "Deployment/payments/api", null, later)),
            new Expected(List.of(), 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesWaivers(
      String name, List<Finding> findings, List<Waiver> waivers, Expected expected) {
    WaiverOutcome outcome =
        new WaiverApplier(CLOCK)
            .apply(
                findings,
                new Waivers("treum-waivers.yaml", waivers),
                RULES,
                List.of("dr", "production"));
    assertThat(outcome.findings())
        .extracting(f -> f.environment() + " " + f.ruleId())
        .containsExactlyElementsOf(expected.standing());
    assertThat(outcome.waived()).hasSize(expected.waived());
  }

  @Test
  void waiverFindingsNameTheWaiverItsExpiryAndItsLine() {
    Waiver expired = waiver(2, "SEC-001", "Deployment/payments/api", "production", TODAY);
    Waiver forbidden = waiver(3, "SEC-004", "Deployment/api", null, TODAY.plusDays(9));
    Waiver unused = waiver(4, "SEC-999", "Deployment/payments/api", "dr", TODAY.plusDays(9));
    WaiverOutcome outcome =
        new WaiverApplier(CLOCK)
            .apply(
                List.of(),
                new Waivers("treum-waivers.yaml", List.of(expired, forbidden, unused)),
                RULES,
                List.of("dr", "production"));
    assertThat(outcome.findings())
        .containsExactly(
            new Finding(
                "TREUM-WAIVER-FORBIDDEN",
                Severity.ERROR,
                "waiver 3 (SEC-004 on Deployment/api in every environment): rule SEC-004 cannot"
                    + " be waived, so this waiver waives nothing",
                "*",
                new ObjectRef(null, "Deployment", null, "api"),
                "treum-waivers.yaml",
                21,
                null),
            new Finding(
                "TREUM-WAIVER-UNUSED",
                Severity.WARNING,
                "waiver 4 (SEC-999 on Deployment/payments/api in dr) matches no finding; no rule"
                    + " has the id SEC-999",
                "dr",
                new ObjectRef(null, "Deployment", "payments", "api"),
                "treum-waivers.yaml",
                28,
                null),
            new Finding(
                "TREUM-WAIVER-EXPIRED",
                Severity.ERROR,
                "waiver 2 (SEC-001 on Deployment/payments/api in production) expired on"
                    + " 2026-06-15 (owner owner 2), so it waives nothing",
                "production",
                new ObjectRef(null, "Deployment", "payments", "api"),
                "treum-waivers.yaml",
                14,
                null));
  }

  @Test
  void theWaivedFindingKeepsItsWaiver() {
    Finding finding = finding("dr", "SEC-001", API);
    Waiver first = waiver(1, "SEC-001", "Deployment/api", "dr", TODAY.plusDays(1));
    Waiver second = waiver(2, "SEC-001", "Deployment/payments/api", "dr", TODAY.plusDays(1));
    WaiverOutcome outcome =
        new WaiverApplier(CLOCK)
            .apply(
                List.of(finding),
                new Waivers("treum-waivers.yaml", List.of(first, second)),
                RULES,
                List.of("dr"));
    assertThat(outcome.waived()).containsExactly(new WaivedFinding(finding, first));
    assertThat(outcome.findings()).isEmpty();
  }

  @Test
  void theOutcomeDoesNotDependOnTheOrderOfFindings() {
    List<Finding> findings = new ArrayList<>();
    for (String environment : List.of("dr", "production")) {
      for (String rule : List.of("SEC-001", "SEC-004", "REL-001")) {
        findings.add(finding(environment, rule, API));
        findings.add(finding(environment, rule, OTHER_API));
      }
    }
    Waivers waivers =
        new Waivers(
            "treum-waivers.yaml",
            List.of(
                waiver(1, "SEC-001", "Deployment/api", null, TODAY.plusDays(3)),
                waiver(2, "REL-001", "Deployment/search/api", "dr", TODAY),
                waiver(3, "SEC-004", "Deployment/payments/api", null, TODAY.plusDays(3))));
    WaiverApplier applier = new WaiverApplier(CLOCK);
    List<String> environments = List.of("production", "dr");
    WaiverOutcome expected = applier.apply(findings, waivers, RULES, environments);
    for (long seed = 0; seed < 10; seed++) {
      List<Finding> shuffled = new ArrayList<>(findings);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(applier.apply(shuffled, waivers, RULES, environments)).isEqualTo(expected);
    }
  }
}
