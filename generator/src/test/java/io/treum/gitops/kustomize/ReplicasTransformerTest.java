package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kustomize's {@code replicas: [{name, count}]}, checked against kustomize v5.8.1. */
class ReplicasTransformerTest {
  private final ManifestYaml yaml = new ManifestYaml();

  private static final String RESOURCES =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec: {replicas: 1}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: web}
      spec: {replicas: 2}
      ---
      apiVersion: v1
      kind: ReplicationController
      metadata: {name: web}
      ---
      apiVersion: example.com/v1
      kind: Deployment
      metadata: {name: web}
      spec: {replicas: 1}
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: web}
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: web}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: other}
      spec: {replicas: 7}
      """;

  /** A count and the {@code spec.replicas} each resource ends with ({@code null}: absent). */
  record Row(String name, long count, List<Long> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rows() {
    List<Long> untouchedTail = new ArrayList<>();
    return List.of(
        // Deployment, StatefulSet, ReplicaSet, ReplicationController and a custom "Deployment"
        // get the count (created where missing); DaemonSet, Job and other names do not.
        new Row("count 3", 3, java.util.Arrays.asList(3L, 3L, 3L, 3L, 3L, null, null, 7L)),
        new Row("count 0", 0, java.util.Arrays.asList(0L, 0L, 0L, 0L, 0L, null, null, 7L)),
        new Row(
            "negative counts pass through, as in Kustomize",
            -1,
            java.util.Arrays.asList(-1L, -1L, -1L, -1L, -1L, null, null, 7L)));
  }

  private List<ObjectNode> resources() {
    List<ObjectNode> resources = new ArrayList<>();
    yaml.readAll(RESOURCES, "test").forEach(n -> resources.add((ObjectNode) n));
    return resources;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void setsReplicasOfTheNamedWorkloads(Row row) {
    List<ObjectNode> resources = resources();
    new ReplicasTransformer("web", row.count()).apply(resources, "kustomization.yaml");
    for (int i = 0; i < resources.size(); i++) {
      Long expected = row.expected().get(i);
      ObjectNode resource = resources.get(i);
      if (expected == null) {
        assertThat(resource.at("/spec/replicas").isMissingNode()).as(resource.toString()).isTrue();
      } else {
        assertThat(resource.at("/spec/replicas").asLong())
            .as(resource.toString())
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void realKustomizeAgrees() {
    for (Row row : rows()) {
      KustomizeOracle.Outcome outcome =
          KustomizeOracle.build(
              Map.of(
                  "kustomization.yaml",
                  "resources:\n- r.yaml\nreplicas:\n- {name: web, count: " + row.count() + "}\n",
                  "r.yaml",
                  RESOURCES),
              yaml);
      List<ObjectNode> mine = resources();
      new ReplicasTransformer("web", row.count()).apply(mine, "kustomization.yaml");
      assertThat(outcome.error()).isNull();
      for (ObjectNode built : outcome.objects()) {
        ObjectNode same =
            mine.stream()
                .filter(o -> ResourceId.of(o).equals(ResourceId.of(built)))
                .findFirst()
                .orElseThrow();
        assertThat(CanonicalJson.same(built, same)).as(row.name() + " " + built).isTrue();
      }
    }
  }

  @Test
  void aNameThatMatchesNothingIsAnError() {
    assertThatThrownBy(
            () ->
                new ReplicasTransformer("missing", 3)
                    .apply(resources(), "overlays/x/kustomization.yaml"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("overlays/x/kustomization.yaml")
        .hasMessageContaining("'missing'");
    assertThat(
            KustomizeOracle.build(
                    Map.of(
                        "kustomization.yaml",
                        "resources:\n- r.yaml\nreplicas:\n- {name: missing, count: 3}\n",
                        "r.yaml",
                        RESOURCES),
                    yaml)
                .error())
        .contains("resource with name missing does not match");
  }

  @ParameterizedTest
  @MethodSource("missingNames")
  void aMissingNameIsAnError(String name) {
    assertThatThrownBy(() -> new ReplicasTransformer(name, 3).apply(resources(), "k.yaml"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("k.yaml")
        .hasMessageContaining("no name");
  }

  static List<String> missingNames() {
    List<String> names = new ArrayList<>();
    names.add(null);
    names.add("");
    return names;
  }

  @Test
  void theNameIsNotAPattern() {
    assertThatThrownBy(() -> new ReplicasTransformer("we.*", 3).apply(resources(), "k.yaml"))
        .isInstanceOf(KustomizeException.class);
  }
}
