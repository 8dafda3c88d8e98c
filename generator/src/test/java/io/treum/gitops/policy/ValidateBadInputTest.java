package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.KustomizeException;
import io.treum.gitops.kustomize.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to validate: a clear error naming the file or parameter, never a pass, and no report
 * written from a run that could not evaluate.
 */
class ValidateBadInputTest {
  @TempDir Path temp;
  private Path tree;
  private Path reports;

  @BeforeEach
  void copyTree() throws IOException {
    tree = temp.resolve("tree");
    reports = temp.resolve("reports");
    Path source = ValidateCommandTest.TREES.resolve("noncompliant");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = tree.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private ValidationRun validate(Path waivers) {
    return ValidateCommandTest.command()
        .validate(
            new ValidateRequest(
                tree,
                Set.of(),
                List.of(),
                null,
                EnumSet.allOf(ReportFormat.class),
                reports,
                waivers,
                false));
  }

  @Test
  void malformedYamlInTheTreeNamesTheFile() throws IOException {
    Files.writeString(tree.resolve("base/deployment.yaml"), "kind: Deployment\nmetadata: [\n");

    assertThatThrownBy(() -> validate(null))
        .isInstanceOfAny(YamlException.class, KustomizeException.class)
        .hasMessageContaining("deployment.yaml");
    assertThat(reports).doesNotExist();
  }

  @Test
  void aTreeThatDoesNotBuildNamesTheKustomization() throws IOException {
    Files.writeString(
        tree.resolve("overlays/production/kustomization.yaml"),
        "resources:\n  - ../../base\n  - missing.yaml\n");

    assertThatThrownBy(() -> validate(null))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("missing.yaml");
    assertThat(reports).doesNotExist();
  }

  @Test
  void anInvalidProfileNamesItsFile() throws IOException {
    Files.writeString(
        tree.resolve("overlays/production/" + EnvironmentProfile.FILE_NAME), "regoin: x\n");

    assertThatThrownBy(() -> validate(null))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("overlays/production/treum-environment.yaml: unknown field 'regoin'");
  }

  @Test
  void aMissingWaiverFileNamedByTheParameterIsAnError() {
    assertThatThrownBy(() -> validate(temp.resolve("nowhere.yaml")))
        .isInstanceOf(WaiverException.class)
        .hasMessageContaining("treum.waivers")
        .hasMessageContaining("nowhere.yaml");
  }

  @Test
  void anExpiredWaiverFailsAndAWaiverOfANonWaivableRuleFailsToo() throws IOException {
    Files.writeString(
        tree.resolve(WaiverFile.DEFAULT_NAME),
        """
        waivers:
          - rule: TREUM-SEC-008
            object: Deployment/legacy/legacy-web
            reason: legacy agent writes to / (LEG-1)
            owner: team-legacy
            expires: 2026-10-01
          - rule: TREUM-IMG-002
            object: Deployment/legacy/legacy-web
            reason: no tags yet
            owner: team-legacy
            expires: 2027-01-01
        """);

    ValidationRun run = validate(null);

    assertThat(run.passes()).isFalse();
    assertThat(run.result().findings())
        .extracting(Finding::ruleId)
        .contains(
            WaiverRules.EXPIRED.id(), WaiverRules.FORBIDDEN.id(), "TREUM-SEC-008", "TREUM-IMG-002");
    assertThat(run.result().waived()).isEmpty();
    assertThat(run.result().findings())
        .filteredOn(f -> f.ruleId().startsWith(WaiverRules.ID_PREFIX))
        .extracting(Finding::file)
        .containsOnly(WaiverFile.DEFAULT_NAME);
  }

  @Test
  void aValidWaiverAcceptsItsFinding() throws IOException {
    Files.writeString(
        tree.resolve(WaiverFile.DEFAULT_NAME),
        """
        waivers:
          - rule: TREUM-SEC-008
            object: Deployment/legacy/legacy-web
            environment: production
            reason: writes its cache to the root filesystem until LEG-2
            owner: team-legacy
            expires: 2027-01-01
        """);

    ValidationRun run = validate(null);

    assertThat(run.result().waived())
        .extracting(w -> w.finding().ruleId())
        .containsExactly("TREUM-SEC-008");
    assertThat(run.result().findings()).extracting(Finding::ruleId).doesNotContain("TREUM-SEC-008");
  }

  @Test
  void anUnknownReportFormatNamesTheParameter() {
    assertThatThrownBy(() -> ReportFormat.parseList(List.of("json,html")))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("treum.report.formats")
        .hasMessageContaining("'html'");
  }
}
