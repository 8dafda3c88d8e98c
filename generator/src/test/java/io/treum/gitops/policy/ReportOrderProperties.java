package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the findings and waivers, their order of arrival changes no byte of any report, the
 * order of findings agrees with equality, and the verdict follows the standing findings.
 */
class ReportOrderProperties {
  private static final RuleCatalogue RULES =
      RuleCatalogue.of(
          List.of(
              new Rule("A-1", "A", Severity.ERROR, "fix a", true),
              new Rule("B-2", "B", Severity.WARNING, "", true),
              new Rule("C-3", "C", Severity.ERROR, "", false)));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

  @Provide
  Arbitrary<Finding> findings() {
    Arbitrary<ObjectRef> objects =
        Combinators.combine(
                Arbitraries.of("apps/v1", "v1"),
                Arbitraries.of("Deployment", "Service"),
                Arbitraries.of("payments", "search", ""),
                Arbitraries.of("api", "worker"))
            .as(ObjectRef::new);
    return Combinators.combine(
            Arbitraries.of("A-1", "B-2", "C-3", "main.deny"),
            Arbitraries.of(Severity.values()),
            Arbitraries.of("m", "n\nsecond", "100%, a:b"),
            Arbitraries.of("dr", "production"),
            objects,
            Arbitraries.of("", "base/a.yaml", "overlays/dr/b c.yaml"),
            Arbitraries.integers().between(0, 3))
        .as(
            (rule, severity, message, environment, object, file, line) ->
                new Finding(
                    rule,
                    severity,
                    message,
                    environment,
                    object,
                    file,
                    file.isEmpty() ? 0 : line,
                    line == 2 ? "io.treum.Platform#" + object.name() : null));
  }

  @Provide
  Arbitrary<Waiver> waivers() {
    return Combinators.combine(
            Arbitraries.of("A-1", "B-2", "C-3", "Z-0"),
            Arbitraries.of("Deployment/api", "Deployment/payments/api", "Service/search/worker"),
            Arbitraries.of("dr", "production", "staging", ""),
            Arbitraries.integers().between(-3, 3),
            Arbitraries.integers().between(1, 40))
        .as(
            (rule, object, environment, days, entry) ->
                new Waiver(
                    rule,
                    WaiverTarget.parse(object),
                    environment,
                    "reason",
                    "owner",
                    LocalDate.of(2026, 6, 15).plusDays(days),
                    "treum-waivers.yaml",
                    entry,
                    entry * 2));
  }

  @Property(tries = 200)
  void reportsDoNotDependOnArrivalOrder(
      @ForAll @Size(max = 12) List<@From("findings") Finding> findings,
      @ForAll @Size(max = 6) List<@From("waivers") Waiver> waivers,
      @ForAll long seed) {
    List<Waiver> entries = renumbered(waivers);
    List<Finding> shuffled = new ArrayList<>(findings);
    Collections.shuffle(shuffled, new Random(seed));
    ValidationResult first = result(findings, entries);
    ValidationResult second = result(shuffled, entries);
    assertThat(second).isEqualTo(first);
    for (ReportFormat format : ReportFormat.values()) {
      for (boolean failOnWarn : new boolean[] {false, true}) {
        ReportOptions options = new ReportOptions(failOnWarn, "deploy");
        assertThat(format.report().render(second, options))
            .isEqualTo(format.report().render(first, options));
      }
    }
  }

  @Property(tries = 200)
  void theVerdictFollowsTheStandingFindings(
      @ForAll @Size(max = 12) List<@From("findings") Finding> findings,
      @ForAll @Size(max = 6) List<@From("waivers") Waiver> waivers) {
    ValidationResult result = result(findings, renumbered(waivers));
    boolean errors = result.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
    boolean warnings = result.findings().stream().anyMatch(f -> f.severity() == Severity.WARNING);
    assertThat(result.passes(false)).isEqualTo(!errors);
    assertThat(result.passes(true)).isEqualTo(!errors && !warnings);
    assertThat(result.findings().size() + result.waived().size())
        .isGreaterThanOrEqualTo(findings.size());
  }

  @Property(tries = 500)
  void findingsCompareEqualOnlyWhenEqual(
      @ForAll("findings") Finding a, @ForAll("findings") Finding b) {
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
  }

  private static ValidationResult result(List<Finding> findings, List<Waiver> waivers) {
    WaiverOutcome outcome =
        new WaiverApplier(CLOCK)
            .apply(
                findings,
                new Waivers("treum-waivers.yaml", waivers),
                RULES,
                List.of("dr", "production"));
    return ValidationResult.of(List.of("production", "dr"), outcome, RULES, 3, 10);
  }

  /** Entries numbered by position, without repeats, as {@link WaiverFile} reads them. */
  private static List<Waiver> renumbered(List<Waiver> waivers) {
    List<Waiver> entries = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Waiver w : waivers) {
      if (seen.add(w.rule() + "\n" + w.object() + "\n" + w.reportedEnvironment())) {
        int entry = entries.size() + 1;
        entries.add(
            new Waiver(
                w.rule(),
                w.object(),
                w.environment(),
                w.reason(),
                w.owner(),
                w.expires(),
                w.file(),
                entry,
                entry * 2));
      }
    }
    return entries;
  }
}
