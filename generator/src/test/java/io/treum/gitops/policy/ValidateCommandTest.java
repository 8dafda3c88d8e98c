package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.kustomize.ResourceSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole validate run on real trees with the committed TREUM policy in the Wasm engine. */
class ValidateCommandTest {
  static final Path TREES = Path.of("src/test/resources/validate");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path reports;

  static ValidateCommand command() {
    PolicyEngines engines = new PolicyEngines(ValidateCommandTest.class.getClassLoader());
    return new ValidateCommand(new ManifestYaml(), MergeSchema.builtIn(), CLOCK, engines::select);
  }

  ValidateRequest request(Path tree, Set<String> environments) {
    return new ValidateRequest(
        tree,
        environments,
        List.of(),
        null,
        EnumSet.allOf(ReportFormat.class),
        reports,
        null,
        false);
  }

  @Test
  void thePlatformPassesWithWarningsOnly() {
    ValidationRun run = command().validate(request(TREES.resolve("platform"), Set.of()));

    assertThat(run.passes()).as(run.text()).isTrue();
    assertThat(run.result().environments()).containsExactly("dr", "production");
    assertThat(run.result().count(Severity.ERROR)).isZero();
    assertThat(run.result().findings())
        .extracting(Finding::ruleId)
        .contains("TREUM-CAP-001", "TREUM-AZ-002", "TREUM-HPA-006");
    assertThat(run.result().rulesEvaluated()).isEqualTo(51);
    assertThat(run.reports()).hasSize(ReportFormat.values().length);
  }

  @Test
  void overlaysTheCallerBuiltAreEvaluatedAsGivenNotBuiltAgain() {
    ResourceSet noncompliant =
        new KustomizeBuilder(new ManifestYaml(), MergeSchema.builtIn())
            .buildResources(TREES.resolve("noncompliant/overlays/production"));

    ValidationRun run =
        command()
            .validate(
                request(TREES.resolve("platform"), Set.of("production")),
                Map.of("production", noncompliant));

    // the platform's own production overlay passes: these findings are the given objects'
    assertThat(run.passes()).isFalse();
    assertThat(run.result().findings())
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(Finding::ruleId)
        .contains("TREUM-SEC-002");
  }

  @Test
  void aNoncompliantTreeFailsWithTheExpectedRules() throws IOException {
    ValidationRun run = command().validate(request(TREES.resolve("noncompliant"), Set.of()));

    assertThat(run.passes()).isFalse();
    assertThat(run.result().findings())
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(Finding::ruleId)
        .contains(
            "TREUM-IMG-001", "TREUM-IMG-002", "TREUM-RES-001", "TREUM-SEC-002", "TREUM-REL-001");
    Finding privileged =
        run.result().findings().stream()
            .filter(f -> f.ruleId().equals("TREUM-SEC-002"))
            .findFirst()
            .orElseThrow();
    assertThat(privileged.object())
        .isEqualTo(new ObjectRef("apps/v1", "Deployment", "legacy", "legacy-web"));
    assertThat(privileged.file()).isEqualTo("base/deployment.yaml");
    assertThat(privileged.line()).isEqualTo(2);
    for (Path report : run.reports()) {
      assertThat(Files.readString(report)).contains("TREUM-SEC-002");
    }
  }

  @Test
  void anUnknownEnvironmentIsRefusedByName() {
    assertThatThrownBy(
            () -> command().validate(request(TREES.resolve("platform"), Set.of("staging"))))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("'staging'")
        .hasMessageContaining("[dr, production]");
  }
}
