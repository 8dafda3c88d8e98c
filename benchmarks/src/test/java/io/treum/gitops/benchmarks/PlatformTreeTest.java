package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.EnvironmentProfile;
import io.treum.gitops.policy.Finding;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.ReportFormat;
import io.treum.gitops.policy.ValidateCommand;
import io.treum.gitops.policy.ValidateRequest;
import io.treum.gitops.policy.ValidationRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated platform builds like TREUM's and the policies find what they find on TREUM. */
class PlatformTreeTest {
  private final ManifestYaml yaml = new ManifestYaml();

  @TempDir Path dir;

  @Test
  void everyEnvironmentBuildsWithItsProfileAndTheStandbyHasNoAutoscalers() {
    PlatformTree tree = PlatformTree.write(dir.resolve("platform"), 3, yaml);
    KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());

    for (String environment : PlatformTree.ENVIRONMENTS) {
      List<ObjectNode> built = builder.build(tree.overlay(environment));
      assertThat(built).hasSize(tree.objects(environment));
      assertThat(built)
          .allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("treum"));
    }
    assertThat(tree.objects()).isEqualTo(3 * (5 + 5 + 4));

    EnvironmentProfile dr = EnvironmentProfile.read(yaml, tree.overlay("dr"), "dr");
    assertThat(dr.role()).isEqualTo("standby");
    assertThat(dr.region()).isEqualTo("ap-southeast-1");
    assertThat(dr.parameters().path("primary").asText()).isEqualTo("production");
    ObjectNode standby =
        builder.build(tree.overlay("dr")).stream()
            .filter(o -> o.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(standby.at("/spec/replicas").asInt()).isEqualTo(PlatformTree.STANDBY_REPLICAS);
    assertThat(standby.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("111122223333.dkr.ecr.ap-southeast-1.amazonaws.com/treum-service:1.0.0");
    assertThat(standby.at("/spec/template/spec/containers/0/env/2/value").asText())
        .isEqualTo("true");
  }

  @Test
  void thePlatformPassesWithTreumsWarningsForEveryService() {
    PlatformTree tree = PlatformTree.write(dir.resolve("platform"), 2, yaml);
    ValidateCommand command =
        new ValidateCommand(
            yaml,
            MergeSchema.builtIn(),
            ValidateBenchmark.CLOCK,
            new PolicyEngines(getClass().getClassLoader())::select);

    ValidationRun run =
        command.validate(
            new ValidateRequest(
                tree.root(),
                Set.of(),
                List.of(),
                null,
                Set.of(ReportFormat.JSON),
                dir.resolve("reports"),
                null,
                false));

    assertThat(run.passes()).as(run.text()).isTrue();
    assertThat(run.result().objectsEvaluated()).isEqualTo(tree.objects());
    Map<String, Long> counts =
        run.result().findings().stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.environment() + " " + f.ruleId(), TreeMap::new, Collectors.counting()));
    assertThat(counts)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "dr TREUM-AZ-002", 2L,
                    "dr TREUM-CAP-001", 2L,
                    "production TREUM-AZ-002", 2L,
                    "production TREUM-CAP-001", 2L,
                    "production TREUM-HPA-006", 4L,
                    "staging TREUM-AZ-002", 2L,
                    "staging TREUM-CAP-001", 2L,
                    "staging TREUM-HPA-006", 4L)));
    assertThat(run.result().findings()).extracting(Finding::file).doesNotContainNull();
  }
}
