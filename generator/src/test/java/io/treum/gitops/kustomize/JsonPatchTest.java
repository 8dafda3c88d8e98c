package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6902 operations as Kustomize applies them in {@code patches:} with a target. Each row is
 * checked against kustomize v5.8.1 by {@link #realKustomizeAgrees}.
 */
class JsonPatchTest {
  private static final String DOC =
      """
      apiVersion: example.com/v1
      kind: Thing
      metadata:
        name: t
        annotations:
          example.com/owner: team
          a~b: tilde
      spec:
        a: 1
        list: [x, y, z]
        nested: {k: v}
      """;

  private final ManifestYaml yaml = new ManifestYaml();

  /**
   * Operations (as flow YAML) and the expected {@code spec} and annotations afterwards, or {@code
   * null} when the patch must fail.
   */
  record Row(String name, String operations, String expectedSpec, String expectedAnnotations) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String ANNOTATIONS = "{a~b: tilde, example.com/owner: team}";

  static List<Row> rows() {
    return List.of(
        new Row(
            "add a field",
            "[{op: add, path: /spec/b, value: 2}]",
            "{a: 1, b: 2, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "add replaces an existing field",
            "[{op: add, path: /spec/a, value: {deep: true}}]",
            "{a: {deep: true}, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "add inserts into a list",
            "[{op: add, path: /spec/list/1, value: new}]",
            "{a: 1, list: [x, new, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "add appends with -",
            "[{op: add, path: /spec/list/-, value: new}]",
            "{a: 1, list: [x, y, z, new], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "add at the list's size appends",
            "[{op: add, path: /spec/list/3, value: new}]",
            "{a: 1, list: [x, y, z, new], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "add past the end fails", "[{op: add, path: /spec/list/4, value: new}]", null, null),
        new Row(
            "add under a missing parent fails",
            "[{op: add, path: /spec/missing/x, value: 1}]",
            null,
            null),
        new Row(
            "remove a field",
            "[{op: remove, path: /spec/a}]",
            "{list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "remove a list element",
            "[{op: remove, path: /spec/list/0}]",
            "{a: 1, list: [y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row("remove a missing field fails", "[{op: remove, path: /spec/missing}]", null, null),
        new Row(
            "replace",
            "[{op: replace, path: /spec/nested/k, value: w}]",
            "{a: 1, list: [x, y, z], nested: {k: w}}",
            ANNOTATIONS),
        // Kustomize's json-patch library: replace of a missing key of an existing map adds it
        new Row(
            "replace a missing key adds it",
            "[{op: replace, path: /spec/missing, value: 1}]",
            "{a: 1, list: [x, y, z], missing: 1, nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "replace under a missing parent fails",
            "[{op: replace, path: /spec/missing/x, value: 1}]",
            null,
            null),
        new Row(
            "replace past the end of a list fails",
            "[{op: replace, path: /spec/list/3, value: 1}]",
            null,
            null),
        new Row(
            "replace with - fails", "[{op: replace, path: /spec/list/-, value: 1}]", null, null),
        new Row(
            "move a field",
            "[{op: move, from: /spec/a, path: /spec/nested/a}]",
            "{list: [x, y, z], nested: {a: 1, k: v}}",
            ANNOTATIONS),
        new Row(
            "move a list element",
            "[{op: move, from: /spec/list/0, path: /spec/list/2}]",
            "{a: 1, list: [y, z, x], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "copy",
            "[{op: copy, from: /spec/nested, path: /spec/copied}]",
            "{a: 1, copied: {k: v}, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        // Kustomize's json-patch library: copy from a missing key copies null
        new Row(
            "copy from a missing key copies null",
            "[{op: copy, from: /spec/no, path: /spec/b}]",
            "{a: 1, b: null, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "copy from a missing parent fails",
            "[{op: copy, from: /spec/no/x, path: /spec/b}]",
            null,
            null),
        new Row(
            "copy from past the end of a list fails",
            "[{op: copy, from: /spec/list/9, path: /spec/b}]",
            null,
            null),
        new Row(
            "move from a missing key fails",
            "[{op: move, from: /spec/missing, path: /spec/b}]",
            null,
            null),
        new Row(
            "move into its own child fails",
            "[{op: move, from: /spec/nested, path: /spec/nested/x}]",
            null,
            null),
        new Row(
            "add without a value adds null",
            "[{op: add, path: /spec/b}]",
            "{a: 1, b: null, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row("add under a scalar fails", "[{op: add, path: /spec/a/b, value: 1}]", null, null),
        new Row(
            "remove under a missing parent fails",
            "[{op: remove, path: /spec/nested/k/deeper}]",
            null,
            null),
        new Row(
            "remove past the end of a list fails",
            "[{op: remove, path: /spec/list/5}]",
            null,
            null),
        new Row(
            "test passes, then the next operation applies",
            "[{op: test, path: /spec/nested, value: {k: v}}, {op: remove, path: /spec/a}]",
            "{list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row("test fails", "[{op: test, path: /spec/a, value: 2}]", null, null),
        new Row(
            "test compares numbers by value",
            "[{op: test, path: /spec/a, value: 1.0}]",
            "{a: 1, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "test of a missing key against null passes",
            "[{op: test, path: /spec/missing, value: null}]",
            "{a: 1, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row("test without a value fails", "[{op: test, path: /spec/a}]", null, null),
        new Row(
            "~1 escapes a slash",
            "[{op: replace, path: /metadata/annotations/example.com~1owner, value: other}]",
            "{a: 1, list: [x, y, z], nested: {k: v}}",
            "{a~b: tilde, example.com/owner: other}"),
        new Row(
            "~0 escapes a tilde",
            "[{op: remove, path: /metadata/annotations/a~0b}]",
            "{a: 1, list: [x, y, z], nested: {k: v}}",
            "{example.com/owner: team}"),
        new Row(
            "add a key with a slash",
            "[{op: add, path: /metadata/annotations/example.com~1new, value: x}]",
            "{a: 1, list: [x, y, z], nested: {k: v}}",
            "{a~b: tilde, example.com/new: x, example.com/owner: team}"),
        // Kustomize's json-patch library reads indices with Go's strconv.Atoi, negative from the
        // end
        new Row(
            "a leading zero is allowed",
            "[{op: remove, path: /spec/list/01}]",
            "{a: 1, list: [x, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "a plus sign is allowed",
            "[{op: add, path: /spec/list/+1, value: new}]",
            "{a: 1, list: [x, new, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "remove -1 removes the last element",
            "[{op: remove, path: /spec/list/-1}]",
            "{a: 1, list: [x, y], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "add at -1 appends",
            "[{op: add, path: /spec/list/-1, value: new}]",
            "{a: 1, list: [x, y, z, new], nested: {k: v}}",
            ANNOTATIONS),
        new Row("a word is not an index", "[{op: remove, path: /spec/list/one}]", null, null),
        // Kustomize's json-patch library drops the first segment whatever it is
        new Row(
            "a path without a leading slash loses its first segment",
            "[{op: add, path: spec/b, value: 1}, {op: remove, path: /b}]",
            "{a: 1, list: [x, y, z], nested: {k: v}}",
            ANNOTATIONS),
        new Row(
            "an unknown operation fails", "[{op: merge, path: /spec/a, value: 1}]", null, null));
  }

  private JsonNode apply(Row row) {
    return JsonPatch.apply(
        yaml.readObject(DOC, "doc"), yaml.readAll(row.operations(), "ops").get(0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void appliesOperations(Row row) {
    if (row.expectedSpec() == null) {
      assertThatThrownBy(() -> apply(row)).isInstanceOf(KustomizeException.class);
      return;
    }
    JsonNode result = apply(row);
    assertThat(result.get("spec")).isEqualTo(yaml.readAll(row.expectedSpec(), "x").get(0));
    assertThat(result.at("/metadata/annotations"))
        .isEqualTo(yaml.readAll(row.expectedAnnotations(), "x").get(0));
  }

  @Test
  void leavesTheInputUnchanged() {
    ObjectNode doc = yaml.readObject(DOC, "doc");
    JsonPatch.apply(doc, yaml.readAll("[{op: remove, path: /spec/a}]", "ops").get(0));
    assertThat(doc).isEqualTo(yaml.readObject(DOC, "doc"));
  }

  @Test
  void anAddUnderAMissingMapNamesTheParentToAddFirst() {
    ObjectNode doc = yaml.readObject(DOC, "doc");
    assertThatThrownBy(
            () ->
                JsonPatch.apply(
                    doc, yaml.readAll("[{op: add, path: /spec/absent/k, value: v}]", "ops").get(0)))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("/spec/absent/k has no parent")
        .hasMessageContaining("add /spec/absent in an earlier operation");
  }

  @Test
  void escapeIsTheInverseOfThePointerSyntax() {
    assertThat(JsonPatch.escape("example.com/a~b")).isEqualTo("example.com~1a~0b");
    assertThat(JsonPatch.segments("/metadata/annotations/example.com~1a~0b"))
        .containsExactly("metadata", "annotations", "example.com/a~b");
    // "~01" is "~1" escaped, not "/"
    assertThat(JsonPatch.segments("/~01")).containsExactly("~1");
  }

  @Test
  void realKustomizeAgrees() {
    List<String> disagreements = new ArrayList<>();
    for (Row row : rows()) {
      String kustomization =
          "resources:\n- r.yaml\npatches:\n- target: {kind: Thing, name: t}\n  patch: '"
              + yaml.writeJson(yaml.readAll(row.operations(), "ops").get(0)).replace("'", "''")
              + "'\n";
      KustomizeOracle.Outcome outcome =
          KustomizeOracle.build(Map.of("kustomization.yaml", kustomization, "r.yaml", DOC), yaml);
      if (row.expectedSpec() == null) {
        if (!outcome.failed()) {
          disagreements.add(row.name() + ": kustomize succeeds with " + outcome.objects());
        }
        continue;
      }
      if (outcome.failed()) {
        disagreements.add(row.name() + ": kustomize fails: " + outcome.error());
      } else if (!CanonicalJson.same(outcome.single(), apply(row))) {
        disagreements.add(row.name() + ": kustomize gives " + outcome.single());
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
