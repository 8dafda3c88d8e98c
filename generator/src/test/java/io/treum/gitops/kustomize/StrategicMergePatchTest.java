package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategic merge patches as Kustomize applies them. Each row's expectation was checked against
 * kustomize v5.8.1, and {@link #realKustomizeAgrees} keeps checking it.
 */
class StrategicMergePatchTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final StrategicMergePatch smp = new StrategicMergePatch(MergeSchema.builtIn());

  record Row(String name, String base, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String HEADER =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n";

  /** A Deployment whose pod spec is {@code podSpec} (flow YAML). */
  private static String pod(String podSpec) {
    return HEADER + "spec:\n  template:\n    spec: " + podSpec + "\n";
  }

  static List<Row> rows() {
    return List.of(
        new Row(
            "null deletes a field",
            HEADER.replace("name: d\n", "name: d\n  annotations: {keep: me, drop: me}\n"),
            HEADER.replace("name: d\n", "name: d\n  annotations: {drop: null}\n"),
            HEADER.replace("name: d\n", "name: d\n  annotations: {keep: me}\n")),
        new Row(
            "$patch: delete removes a keyed list element",
            pod("{containers: [{name: a, image: a}, {name: b, image: b}, {name: c, image: c}]}"),
            pod("{containers: [{name: b, $patch: delete}]}"),
            pod("{containers: [{name: a, image: a}, {name: c, image: c}]}")),
        new Row(
            "merged list: patch elements first (in patch order), then the remaining base elements",
            pod("{containers: [{name: a, image: a}, {name: b, image: b}, {name: c, image: c}]}"),
            pod("{containers: [{name: c, image: c2}, {name: new, image: n}]}"),
            pod(
                "{containers: [{name: c, image: c2}, {name: new, image: n}, {name: a, image: a},"
                    + " {name: b, image: b}]}")),
        new Row(
            "env merges by name, patch entries first",
            pod("{containers: [{name: a, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}"),
            pod("{containers: [{name: a, env: [{name: B, value: '20'}, {name: C, value: '3'}]}]}"),
            pod(
                "{containers: [{name: a, env: [{name: B, value: '20'}, {name: C, value: '3'},"
                    + " {name: A, value: '1'}]}]}")),
        new Row(
            "tolerations are replaced wholesale",
            pod("{tolerations: [{key: k1, operator: Exists}, {key: k2, operator: Exists}]}"),
            pod("{tolerations: [{key: k2, operator: Equal, value: v}]}"),
            pod("{tolerations: [{key: k2, operator: Equal, value: v}]}")),
        new Row(
            "args are replaced wholesale",
            pod("{containers: [{name: a, args: [--one, --two]}]}"),
            pod("{containers: [{name: a, args: [--three]}]}"),
            pod("{containers: [{name: a, args: [--three]}]}")),
        new Row(
            "volumes merge by name",
            pod("{volumes: [{name: v1, emptyDir: {}}, {name: v2, emptyDir: {}}]}"),
            pod("{volumes: [{name: v2, configMap: {name: cm}, emptyDir: null}]}"),
            pod("{volumes: [{name: v2, configMap: {name: cm}}, {name: v1, emptyDir: {}}]}")),
        new Row(
            "container ports merge by containerPort",
            pod("{containers: [{name: a, ports: [{containerPort: 80, name: http}]}]}"),
            pod("{containers: [{name: a, ports: [{containerPort: 9090, name: metrics}]}]}"),
            pod(
                "{containers: [{name: a, ports: [{containerPort: 9090, name: metrics},"
                    + " {containerPort: 80, name: http}]}]}")),
        new Row(
            "$patch: replace on a map",
            HEADER.replace("name: d\n", "name: d\n  annotations: {keep: me, drop: me}\n"),
            HEADER.replace("name: d\n", "name: d\n  annotations: {$patch: replace, only: this}\n"),
            HEADER.replace("name: d\n", "name: d\n  annotations: {only: this}\n")),
        new Row(
            "scalar merge lists (finalizers) are a union, patch values first",
            HEADER.replace(
                "name: d\n", "name: d\n  finalizers: [a.example.com/x, b.example.com/y]\n"),
            HEADER.replace(
                "name: d\n", "name: d\n  finalizers: [c.example.com/z, a.example.com/x]\n"),
            HEADER.replace(
                "name: d\n",
                "name: d\n  finalizers: [c.example.com/z, a.example.com/x, b.example.com/y]\n")),
        new Row(
            "lists of a custom resource are replaced wholesale",
            """
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: t}
            spec:
              containers:
              - {name: a, image: a:1}
              - {name: b, image: b:1}
              items: [1, 2]
            """,
            """
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: t}
            spec:
              containers:
              - {name: b, image: b:2}
              items: [3]
            """,
            """
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: t}
            spec:
              containers:
              - {name: b, image: b:2}
              items: [3]
            """),
        new Row(
            "maps of a custom resource merge",
            """
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: t}
            spec: {a: 1, nested: {x: 1, y: 2}}
            """,
            """
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: t}
            spec: {nested: {y: null, z: 3}}
            """,
            """
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: t}
            spec: {a: 1, nested: {x: 1, z: 3}}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void merges(Row row) {
    ObjectNode merged =
        smp.apply(yaml.readObject(row.base(), "base"), yaml.readObject(row.patch(), "patch"));
    assertThat(yaml.write(merged))
        .isEqualTo(yaml.write(yaml.readObject(row.expected(), "expected")));
  }

  @Test
  void leavesItsInputsUnchanged() {
    Row row = rows().get(1);
    ObjectNode base = yaml.readObject(row.base(), "base");
    ObjectNode patch = yaml.readObject(row.patch(), "patch");
    smp.apply(base, patch);
    assertThat(base).isEqualTo(yaml.readObject(row.base(), "base"));
    assertThat(patch).isEqualTo(yaml.readObject(row.patch(), "patch"));
  }

  @Test
  void realKustomizeAgrees() {
    List<String> disagreements = new ArrayList<>();
    for (Row row : rows()) {
      KustomizeOracle.Outcome outcome =
          KustomizeOracle.build(
              Map.of(
                  "kustomization.yaml",
                  "resources:\n- base.yaml\npatches:\n- path: patch.yaml\n",
                  "base.yaml",
                  row.base(),
                  "patch.yaml",
                  row.patch()),
              yaml);
      if (outcome.failed()) {
        disagreements.add(row.name() + ": kustomize fails: " + outcome.error());
        continue;
      }
      String expected = yaml.write(yaml.readObject(row.expected(), "expected"));
      String built = yaml.write(outcome.single());
      if (!built.equals(expected)) {
        disagreements.add(row.name() + ": kustomize gives\n" + built);
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
