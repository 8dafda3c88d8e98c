package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kustomize's {@code labels: [{pairs, includeSelectors: false, includeTemplates}]}. Expectations
 * checked against kustomize v5.8.1 by {@link #realKustomizeAgrees}.
 */
class LabelsTransformerTest {
  private static final Map<String, String> PAIRS =
      new TreeMap<>(Map.of("env", "prod", "example.com/tier", "yes"));

  private final ManifestYaml yaml = new ManifestYaml();

  /**
   * A resource, and the paths (JSON pointers) that must carry the labels with templates included;
   * every other labels or selector map must stay as it was.
   */
  record Row(String name, String resource, List<String> labelled) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rows() {
    return List.of(
        new Row(
            "Deployment: template created, selector untouched",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
            """,
            List.of("/metadata/labels", "/spec/template/metadata/labels")),
        new Row(
            "StatefulSet: template and volume claim templates",
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: s}
            spec:
              selector: {matchLabels: {app: s}}
              template: {metadata: {labels: {app: s}}}
              volumeClaimTemplates:
              - metadata: {name: data}
            """,
            List.of(
                "/metadata/labels",
                "/spec/template/metadata/labels",
                "/spec/volumeClaimTemplates/0/metadata/labels")),
        new Row(
            "CronJob: job template and its pod template, job selector untouched",
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: c}
            spec:
              jobTemplate:
                spec:
                  selector: {matchLabels: {x: y}}
                  template: {}
            """,
            List.of(
                "/metadata/labels",
                "/spec/jobTemplate/metadata/labels",
                "/spec/jobTemplate/spec/template/metadata/labels")),
        new Row(
            "Job: template, selector untouched",
            """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: j}
            spec:
              selector: {matchLabels: {x: y}}
            """,
            List.of("/metadata/labels", "/spec/template/metadata/labels")),
        new Row(
            "DaemonSet",
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              template: {metadata: {labels: {app: ds}}}
            """,
            List.of("/metadata/labels", "/spec/template/metadata/labels")),
        new Row(
            "ReplicationController v1",
            """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: rc}
            """,
            List.of("/metadata/labels", "/spec/template/metadata/labels")),
        new Row(
            "ReplicationController of another version: metadata only",
            """
            apiVersion: v2
            kind: ReplicationController
            metadata: {name: rc}
            """,
            List.of("/metadata/labels")),
        new Row(
            "a kind named Deployment in another group gets template labels too",
            """
            apiVersion: example.com/v1
            kind: Deployment
            metadata: {name: cr}
            spec: {template: {}}
            """,
            List.of("/metadata/labels", "/spec/template/metadata/labels")),
        new Row(
            "Service: selector and template-like fields untouched",
            """
            apiVersion: v1
            kind: Service
            metadata: {name: svc}
            spec:
              selector: {app: d}
              template: {metadata: {labels: {a: b}}}
            """,
            List.of("/metadata/labels")),
        new Row(
            "PodDisruptionBudget: selector untouched",
            """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: pdb}
            spec:
              selector: {matchLabels: {app: d}}
            """,
            List.of("/metadata/labels")),
        new Row(
            "labels: null is replaced",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, labels: null}
            """,
            List.of("/metadata/labels")),
        new Row(
            "existing labels are kept and overridden",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, labels: {env: dev, keep: me}}
            """,
            List.of("/metadata/labels")));
  }

  private ObjectNode apply(String resource, boolean includeTemplates) {
    ObjectNode tree = yaml.readObject(resource, "test");
    new LabelsTransformer(PAIRS, includeTemplates).apply(tree);
    return tree;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void labelsMetadataAndTemplatesOnly(Row row) {
    ObjectNode before = yaml.readObject(row.resource(), "test");
    ObjectNode after = apply(row.resource(), true);
    for (String path : row.labelled()) {
      JsonNode labels = after.at(path);
      PAIRS.forEach((k, v) -> assertThat(labels.path(k).asText()).as(path + " " + k).isEqualTo(v));
      JsonNode old = before.at(path);
      if (old.isObject()) {
        old.fields()
            .forEachRemaining(
                f -> {
                  if (!PAIRS.containsKey(f.getKey())) {
                    assertThat(labels.get(f.getKey()))
                        .as("kept " + f.getKey())
                        .isEqualTo(f.getValue());
                  }
                });
      }
    }
    // Nothing else changes: with the labelled maps taken out, before and after are equal.
    ObjectNode strippedBefore = before.deepCopy();
    ObjectNode strippedAfter = after.deepCopy();
    for (String path : row.labelled()) {
      remove(strippedBefore, path);
      remove(strippedAfter, path);
    }
    prune(strippedBefore);
    prune(strippedAfter);
    assertThat(strippedAfter).isEqualTo(strippedBefore);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void withoutTemplatesOnlyMetadataIsLabelled(Row row) {
    ObjectNode before = yaml.readObject(row.resource(), "test");
    ObjectNode after = apply(row.resource(), false);
    PAIRS.forEach(
        (k, v) ->
            assertThat(after.at("/metadata/labels/" + k.replace("/", "~1")).asText()).isEqualTo(v));
    remove(before, "/metadata/labels");
    remove(after, "/metadata/labels");
    assertThat(after).isEqualTo(before);
  }

  @Test
  void noPairsChangesNothing() {
    String resource = rows().get(0).resource();
    ObjectNode tree = yaml.readObject(resource, "test");
    new LabelsTransformer(Map.of(), true).apply(tree);
    assertThat(tree).isEqualTo(yaml.readObject(resource, "test"));
  }

  @Test
  void realKustomizeAgrees() {
    List<String> disagreements = new ArrayList<>();
    for (boolean templates : new boolean[] {true, false}) {
      for (Row row : rows()) {
        String kustomization =
            "resources:\n- r.yaml\nlabels:\n- pairs: "
                + yaml.writeJson(yaml.toTree(PAIRS))
                + "\n  includeSelectors: false\n  includeTemplates: "
                + templates
                + "\n";
        ObjectNode built =
            KustomizeOracle.build(
                    Map.of("kustomization.yaml", kustomization, "r.yaml", row.resource()), yaml)
                .single();
        ObjectNode mine = apply(row.resource(), templates);
        if (!CanonicalJson.same(built, mine)) {
          disagreements.add(row.name() + " (templates " + templates + "): kustomize " + built);
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static void remove(ObjectNode tree, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = tree.at(pointer.substring(0, slash));
    if (parent instanceof ObjectNode object) {
      object.remove(pointer.substring(slash + 1));
    }
  }

  /** Drops maps left empty (the transformer creates the path to a template's labels). */
  private static boolean prune(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> empty = new ArrayList<>();
      object
          .fields()
          .forEachRemaining(
              f -> {
                if (prune(f.getValue())) {
                  empty.add(f.getKey());
                }
              });
      empty.forEach(object::remove);
      return object.isEmpty();
    }
    if (node.isArray()) {
      node.forEach(LabelsTransformerTest::prune);
    }
    return false;
  }
}
