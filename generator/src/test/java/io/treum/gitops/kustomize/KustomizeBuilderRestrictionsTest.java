package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.testing.KustomizeCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kustomize's load restrictions (RootOnly) and field checks in the Java builder. Where kustomize
 * v5.8.1 refuses the same tree the test says so by building it with the real binary too.
 */
class KustomizeBuilderRestrictionsTest {
  private static final String CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

  private final ManifestYaml yaml = new ManifestYaml();
  private final KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());

  @TempDir Path tmp;
  private Path root;
  private Path outside;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(tmp.resolve("repo/overlays/prod"));
    outside = Files.createDirectories(tmp.resolve("secrets"));
    write(outside.resolve("stolen.yaml"), CONFIG_MAP.formatted("stolen"));
    write(outside.resolve("kustomization.yaml"), "resources:\n- stolen.yaml\n");
    write(root.resolve("cm.yaml"), CONFIG_MAP.formatted("cm"));
  }

  private static void write(Path path, String text) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  private void kustomization(String text) throws IOException {
    write(root.resolve("kustomization.yaml"), text);
  }

  private void kustomizeRefusesToo(String reason) {
    assertThatThrownBy(() -> KustomizeCli.build(root, yaml))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aResourceEscapingTheRootIsRefused() throws IOException {
    kustomization("resources:\n- ../../../secrets/stolen.yaml\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(root.resolve("kustomization.yaml").toString())
        .hasMessageContaining(outside.toRealPath().resolve("stolen.yaml").toString())
        .hasMessageContaining("outside the kustomization root " + root.toRealPath());
    kustomizeRefusesToo("is not in or below");
  }

  @Test
  void aPatchEscapingTheRootIsRefused() throws IOException {
    write(outside.resolve("patch.yaml"), CONFIG_MAP.formatted("cm") + "data: {a: b}\n");
    kustomization("resources:\n- cm.yaml\npatches:\n- path: ../../../secrets/patch.yaml\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(outside.toRealPath().resolve("patch.yaml").toString())
        .hasMessageContaining(root.toRealPath().toString());
    kustomizeRefusesToo("is not in or below");
  }

  @Test
  void aSymlinkPointingOutsideTheRootIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("link.yaml"), outside.resolve("stolen.yaml"));
    kustomization("resources:\n- link.yaml\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(
            "'link.yaml' resolves to " + outside.toRealPath().resolve("stolen.yaml"))
        .hasMessageContaining("outside the kustomization root " + root.toRealPath());
    kustomizeRefusesToo("is not in or below");
  }

  @Test
  void aSymlinkedPatchPointingOutsideTheRootIsRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("patch.yaml"), outside.resolve("stolen.yaml"));
    kustomization("resources:\n- cm.yaml\npatches:\n- path: patch.yaml\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(
            "'patch.yaml' resolves to " + outside.toRealPath().resolve("stolen.yaml"));
    kustomizeRefusesToo("is not in or below");
  }

  @Test
  void aBuildNamesTheKustomizationFilesItRead() throws IOException {
    // a base outside the root, a component and a base whose kustomization file is a symbolic link
    // are read; an unrelated overlay is not. Named by real path, links resolved.
    write(tmp.resolve("repo/overlays/other/kustomization.yaml"), "resources: []\n");
    Path component = tmp.resolve("repo/components/mesh/kustomization.yaml");
    write(
        component,
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  mesh: enabled\n");
    Path shared = tmp.resolve("repo/shared/kustomization.yaml");
    write(shared, "resources: []\n");
    Files.createDirectories(tmp.resolve("repo/linked"));
    Files.createSymbolicLink(tmp.resolve("repo/linked/kustomization.yaml"), shared);
    kustomization(
        "resources:\n- cm.yaml\n- ../../../secrets\n- ../../linked\n"
            + "components:\n- ../../components/mesh\n");

    assertThat(builder.buildResources(root).kustomizations())
        .containsExactlyInAnyOrder(
            root.resolve("kustomization.yaml").toRealPath(),
            outside.resolve("kustomization.yaml").toRealPath(),
            shared.toRealPath(),
            component.toRealPath());
  }

  @Test
  void aSymlinkInsideTheRootIsAllowed() throws IOException {
    Files.createSymbolicLink(root.resolve("alias.yaml"), root.resolve("cm.yaml"));
    kustomization("resources:\n- alias.yaml\n");
    assertThat(builder.build(root)).hasSize(1);
  }

  /**
   * Stricter than Kustomize: kustomize v5.8.1 accepts an absolute path to a file below the root
   * (and refuses one outside it). treum refuses both, since a tree with absolute paths builds only
   * on the machine that wrote it.
   */
  @Test
  void absolutePathsAreRefused() throws IOException {
    kustomization("resources:\n- " + outside.resolve("stolen.yaml") + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("'" + outside.resolve("stolen.yaml") + "'")
        .hasMessageContaining("absolute")
        .hasMessageContaining(root.toString());
    kustomizeRefusesToo("is not in or below");

    kustomization("resources:\n- " + root.resolve("cm.yaml") + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("absolute");

    kustomization(
        "resources:\n- cm.yaml\npatches:\n- path: " + outside.resolve("stolen.yaml") + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void anAbsoluteBaseDirectoryIsRefused() throws IOException {
    kustomization("resources:\n- " + outside + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("'" + outside + "'")
        .hasMessageContaining("absolute");
    kustomizeRefusesToo("cannot be absolute");
  }

  /** Bases are directories and may live outside the overlay: that is what overlays are for. */
  @Test
  void aBaseDirectoryOutsideTheRootIsAllowed() throws IOException {
    kustomization("resources:\n- ../../../secrets\n");
    assertThat(builder.build(root)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "./", "../prod"})
  void aBaseThatIsTheRootItselfIsACycle(String base) throws IOException {
    kustomization("resources:\n- " + base + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("cycle");
    kustomizeRefusesToo("cycle detected");
  }

  @Test
  void aBaseThatIsAnAncestorIsACycle() throws IOException {
    Path child = root.resolve("child");
    write(child.resolve("kustomization.yaml"), "resources:\n- ..\n");
    kustomization("resources:\n- cm.yaml\n");
    assertThatThrownBy(() -> builder.build(child))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("cycle")
        .hasMessageContaining("ancestor of " + child.toRealPath());
    assertThatThrownBy(() -> KustomizeCli.build(child, yaml))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cycle detected");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "vars: [{name: x}]|'vars'",
        "replacements: [{path: r.yaml}]|'replacements'",
        "helmCharts: [{name: x}]|'helmCharts'",
        "generators: [gen.yaml]|'generators'",
        "transformers: [t.yaml]|'transformers'",
        "openapi: {path: schema.json}|'openapi'",
      })
  void unsupportedFieldsAreNamedWithTheFile(String field, String named) throws IOException {
    kustomization("resources:\n- cm.yaml\n" + field + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith(root.resolve("kustomization.yaml").toString())
        .hasMessageContaining("field " + named)
        .hasMessageContaining("not supported");
  }

  /** Fields inside entries that the builder would otherwise ignore and so build something else. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "patches: [{path: p.yaml, target: {kind: ConfigMap, labels: 'a=b'}}]|'labels'",
        "patches: [{path: p.yaml, options: {allowNameChanges: true}}]|'allowNameChanges'",
        "patches: [{path: p.yaml, extra: 1}]|'extra'",
        "labels: [{pairs: {a: b}, field: [{path: spec/x}]}]|'field'",
        "images: [{name: nginx, newTag: '1', tag: '2'}]|'tag'",
        "replicas: [{name: cm, count: 1, max: 2}]|'max'",
      })
  void unsupportedEntryFieldsAreNamedWithTheFile(String field, String named) throws IOException {
    write(root.resolve("p.yaml"), CONFIG_MAP.formatted("cm") + "data: {a: b}\n");
    kustomization("resources:\n- cm.yaml\n" + field + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith(root.resolve("kustomization.yaml").toString())
        .hasMessageContaining(named);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "resources: cm.yaml|'resources' must be a list",
        "resources: [{path: cm.yaml}]|'resources[0]' must be a string",
        "resources: ['']|is not a path",
        "resources: [cm.yaml]↵Resources: [cm.yaml]|given twice",
        "kind: Component|kustomization.yaml is empty",
        "kind: Component↵resources: [cm.yaml]|Component",
        "apiVersion: kustomize.config.k8s.io/v1alpha1↵resources: [cm.yaml]|v1alpha1",
        "resources: [cm.yaml]↵namespace: [a]|'namespace' must be a string",
        "resources: [cm.yaml]↵replicas: [{name: cm, count: '3'}]|must be a whole number",
        "resources: [cm.yaml]↵images: [{newTag: '2'}]|no name",
        "resources: [cm.yaml]↵images: [{name: 'ngin(x'}]|'ngin(x'",
        "resources: [cm.yaml]↵patches: [{path: p.yaml, patch: 'a: b'}]|not both",
        "resources: [cm.yaml]↵patches: [{target: {kind: ConfigMap}}]|'path' or 'patch'",
        "resources: [cm.yaml]↵patches: [{patch: '[1, 2]', target: {kind: ConfigMap}}]|operation must be a map",
        "resources: [cm.yaml]↵patches: [{patch: \"- b\\n---\\na: 1\"}]|JSON 6902 patch needs a target",
      })
  void malformedKustomizationsAreNamed(String text, String message) throws IOException {
    write(root.resolve("p.yaml"), CONFIG_MAP.formatted("cm") + "data: {a: b}\n");
    // a row writes a line break of the kustomization as ↵ (a CSV row is one line)
    kustomization(text.replace("↵", "\n") + "\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(root.resolve("kustomization.yaml").toString())
        .hasMessageContaining(message);
  }

  /** Go's regular expressions run in linear time; Java's backtracking must not hang the build. */
  @Test
  void aTargetExpressionThatBacktracksForEverIsStopped() throws IOException {
    // (.*a){20} against 30 a's and an x takes Java's backtracking matcher longer than a minute
    write(root.resolve("cm.yaml"), CONFIG_MAP.formatted("a".repeat(30) + "x"));
    kustomization(
        "resources:\n- cm.yaml\npatches:\n- target: {kind: ConfigMap, name: '(.*a){20}'}\n"
            + "  patch: '[{\"op\": \"add\", \"path\": \"/data\", \"value\": {}}]'\n");
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> builder.build(root))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("'(.*a){20}' takes too long"));
  }

  @Test
  void anInvalidTargetExpressionIsNamed() throws IOException {
    kustomization(
        "resources:\n- cm.yaml\npatches:\n- target: {kind: ConfigMap, name: 'cm('}\n"
            + "  patch: '[{\"op\": \"add\", \"path\": \"/data\", \"value\": {}}]'\n");
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("'cm('")
        .hasMessageContaining("not a valid regular expression");
  }

  @Test
  void aBillionLaughsResourceIsRefused() throws IOException {
    write(
        root.resolve("cm.yaml"),
        CONFIG_MAP.formatted("cm") + "data:\n" + ManifestYamlSafetyTest.billionLaughs().indent(2));
    kustomization("resources:\n- cm.yaml\n");
    assertTimeoutPreemptively(
        Duration.ofSeconds(1),
        () ->
            assertThatThrownBy(() -> builder.build(root))
                .isInstanceOf(KustomizeException.class)
                .hasCauseInstanceOf(YamlException.class)
                .hasMessageContaining(root.toRealPath().resolve("cm.yaml").toString())
                .hasMessageContaining("billion laughs"));
  }

  @Test
  void aJsonPatchThatMultipliesTheDocumentIsRefused() throws IOException {
    StringBuilder ops = new StringBuilder("- {op: add, path: /data, value: {a: '1'}}\n");
    for (int i = 0; i < 40; i++) {
      ops.append("- {op: copy, from: /data, path: /data/c").append(i).append("}\n");
    }
    write(root.resolve("p.yaml"), ops.toString());
    kustomization("resources:\n- cm.yaml\npatches:\n- path: p.yaml\n  target: {kind: ConfigMap}\n");
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> builder.build(root))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining(root.toRealPath().resolve("p.yaml").toString())
                .hasMessageContaining("copies more than " + JsonPatch.MAX_COPIED_NODES));
  }

  /** A JSON 6902 patch file is a YAML list: it must be applied as one patch. */
  @Test
  void aJsonPatchFileIsAppliedAsAList() throws IOException {
    write(
        root.resolve("p.yaml"),
        "- op: add\n  path: /data\n  value: {a: b}\n- op: add\n  path: /data/c\n  value: d\n");
    kustomization(
        "resources:\n- cm.yaml\npatches:\n- path: p.yaml\n  target: {kind: ConfigMap, name: cm}\n");
    List<ObjectNode> built = builder.build(root);
    assertThat(built).hasSize(1);
    assertThat(built.get(0).get("data")).isEqualTo(yaml.readObject("{a: b, c: d}", "x"));
    assertThat(CanonicalJson.same(built.get(0), KustomizeCli.build(root, yaml).get(0))).isTrue();
  }

  @Test
  void aMissingKustomizationIsNamed() throws IOException {
    kustomization("resources:\n- ../missing-base\n");
    Files.createDirectories(tmp.resolve("repo/overlays/missing-base"));
    assertThatThrownBy(() -> builder.build(root))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("missing-base has no kustomization.yaml");
  }
}
