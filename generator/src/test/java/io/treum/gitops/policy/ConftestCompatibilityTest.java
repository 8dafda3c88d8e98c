package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.testing.KustomizeCli;
import io.treum.gitops.testing.OpaCli;
import io.treum.gitops.testing.ToolLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conftest's conventions (policies/README.md, "Which rules run"): the conftest-style policies in
 * {@code src/test/resources/conftest/policy} — package {@code main}, {@code deny}/{@code
 * violation}/{@code warn} rules with suffixes, string and {@code {msg}} results, an {@code
 * exception} rule, a helper package — give the same failures and warnings, message and object, in
 * {@code conftest test} on the kustomize-built objects of a tree and in {@code treum:validate} with
 * {@code treum.policies} pointing at them. TREUM's own findings are left out of the comparison.
 *
 * <p>Needs conftest (tools/install-test-tools.sh) and opa; fails, never skips, without them.
 */
class ConftestCompatibilityTest {
  static final Path POLICY = Path.of("src/test/resources/conftest/policy");
  static final Path SHOP = Path.of("src/test/resources/conftest/shop");
  static final ManifestYaml YAML = new ManifestYaml();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;

  /** One failure or warning: conftest's and treum's findings reduced to what both say. */
  record Outcome(String environment, ObjectRef object, String kind, String message) {
    @Override
    public String toString() {
      return environment + " " + object + " " + kind + ": " + message;
    }
  }

  /** What conftest said about a tree. */
  record ConftestRun(List<Outcome> outcomes, int exceptions) {}

  static Stream<Path> trees() {
    return Stream.of(
        SHOP,
        ValidateCommandTest.TREES.resolve("platform"),
        ValidateCommandTest.TREES.resolve("noncompliant"));
  }

  @ParameterizedTest
  @MethodSource("trees")
  void conftestAndTreumReportTheSameFailuresAndWarnings(Path tree) throws Exception {
    ConftestRun conftest = conftest(tree);

    ValidationRun run = treum(tree);

    assertThat(conftest.outcomes()).isNotEmpty();
    assertThat(sorted(outcomes(run))).isEqualTo(sorted(conftest.outcomes()));
  }

  @Test
  void aConftestRuleWithATitleIsDocumentedInTreumsReports() {
    ValidationRun run = treum(ValidateCommandTest.TREES.resolve("platform"));

    Finding finding =
        run.result().findings().stream()
            .filter(f -> f.ruleId().equals("data.main.warn_autoscaling_max"))
            .findFirst()
            .orElseThrow();
    assertThat(run.result().rule(finding).title()).isEqualTo("Bounded autoscaling");
    assertThat(finding.message())
        .isEqualTo("HorizontalPodAutoscaler treum-api may scale to 100 replicas");
  }

  @Test
  void theShopTreeExercisesEveryConvention() throws Exception {
    ConftestRun conftest = conftest(SHOP);

    assertThat(conftest.outcomes())
        .extracting(Outcome::message)
        .contains(
            "Deployment worker: containers must not run as root", // deny, string
            "Deployment worker: container worker is privileged", // deny_privileged, sprintf
            "container migrate of worker uses shop/migrate:latest, which is not pinned", // violation_, {msg}
            "Deployment web: container metrics has no readiness probe", // warn_
            "Deployment worker runs 1 replica", // warn_, sprintf %d
            "ConfigMap settings has no team label"); // warn, {msg, severity: info}
    assertThat(conftest.outcomes())
        .extracting(Outcome::environment)
        .contains("staging", "production");
    // the legacy Deployment is privileged and has no probe, but its exception exempts both
    assertThat(conftest.exceptions()).isPositive();
    assertThat(conftest.outcomes())
        .extracting(Outcome::message)
        .noneMatch(m -> m.contains("legacy: container legacy"));
  }

  /** conftest test on each object of each overlay, one file per object to know which it is. */
  ConftestRun conftest(Path tree) throws Exception {
    Path binary =
        ToolLocator.find(
            "conftest",
            "TREUM_CONFTEST",
            "tools/install-test-tools.sh (go install github.com/open-policy-agent/conftest@v0.71.1)");
    List<Outcome> outcomes = new ArrayList<>();
    int exceptions = 0;
    for (String environment : overlays(tree)) {
      List<JsonNode> objects =
          KustomizeCli.build(tree.resolve("overlays").resolve(environment), YAML);
      Path folder = Files.createDirectories(work.resolve(tree.getFileName() + "-" + environment));
      Map<String, ObjectRef> byFile = new HashMap<>();
      List<String> command =
          new ArrayList<>(
              List.of(binary.toString(), "test", "--no-color", "--output", "json", "--policy"));
      command.add(POLICY.toString());
      for (int i = 0; i < objects.size(); i++) {
        Path file = folder.resolve(String.format("%03d.json", i));
        Files.writeString(file, JSON.writeValueAsString(objects.get(i)));
        byFile.put(file.toString(), ObjectRef.of(objects.get(i)));
        command.add(file.toString());
      }
      for (JsonNode result : run(command)) {
        ObjectRef object = byFile.get(result.path("filename").asText());
        assertThat(object).as("conftest result for %s", result.path("filename")).isNotNull();
        result
            .path("failures")
            .forEach(
                f ->
                    outcomes.add(
                        new Outcome(environment, object, "failure", f.path("msg").asText())));
        result
            .path("warnings")
            .forEach(
                w ->
                    outcomes.add(
                        new Outcome(environment, object, "warning", w.path("msg").asText())));
        exceptions += result.path("exceptions").size();
      }
    }
    return new ConftestRun(outcomes, exceptions);
  }

  /** treum:validate with the same policies. */
  ValidationRun treum(Path tree) {
    PolicyEngines engines = new PolicyEngines(getClass().getClassLoader(), OpaCli.environment());
    ValidateCommand command =
        new ValidateCommand(
            YAML, MergeSchema.builtIn(), ValidateCommandTest.CLOCK, engines::select);
    return command.validate(
        new ValidateRequest(
            tree,
            Set.of(),
            List.of(POLICY),
            null,
            EnumSet.noneOf(ReportFormat.class),
            work.resolve("reports"),
            null,
            false));
  }

  /** treum's findings as outcomes, without TREUM's own. */
  static List<Outcome> outcomes(ValidationRun run) {
    return run.result().findings().stream()
        .filter(f -> !f.ruleId().startsWith("TREUM-"))
        .map(
            f ->
                new Outcome(
                    f.environment(),
                    f.object(),
                    f.severity() == Severity.ERROR ? "failure" : "warning",
                    f.message()))
        .toList();
  }

  private static JsonNode run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("conftest", ".json");
    Path err = Files.createTempFile("conftest", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("conftest finished").isTrue();
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      // 0: no failures, 1: failures; anything else is an error of conftest itself
      assertThat(process.exitValue()).as("conftest exit code; stderr:\n%s", stderr).isIn(0, 1);
      JsonNode results = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
      assertThat(results.isArray()).as("conftest output is a list; stderr:\n%s", stderr).isTrue();
      return results;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<String> overlays(Path tree) throws IOException {
    try (Stream<Path> folders = Files.list(tree.resolve("overlays"))) {
      return folders.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> sorted(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::toString).sorted().toList();
  }
}
