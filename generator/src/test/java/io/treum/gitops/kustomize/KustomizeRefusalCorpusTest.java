package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.testing.KustomizeCli;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trees the real kustomize refuses, below {@code src/test/resources/kustomize-errors/<case>}:
 * treum's builder refuses each of them too, with a {@link KustomizeException} naming the file at
 * fault.
 */
class KustomizeRefusalCorpusTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());

  private static Path corpus() throws URISyntaxException {
    return Path.of(KustomizeRefusalCorpusTest.class.getResource("/kustomize-errors").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ambiguous-name-reference, base/objects.yaml",
    "cluster-scoped-duplicate-ids, b.yaml",
    "image-tag-number, kustomization.yaml",
    "patch-file-flow-yaml-list, patch.yaml",
    "patch-inline-indented-json6902, kustomization.yaml",
    "patch-inline-indented-strategic-merge, kustomization.yaml",
    "patch-strategic-merge-without-name, kustomization.yaml",
    "patches-json6902-flow-yaml, kustomization.yaml",
    "patches-json6902-after-generator-merge, kustomization.yaml",
    "patches-json6902-annotations-emptied, kustomization.yaml",
    "patches-json6902-sees-no-annotations, kustomization.yaml",
    "patches-json6902-strategic-merge, patch.yaml",
    "patches-json6902-without-target-name, kustomization.yaml",
    "patches-strategic-merge-all-empty, kustomization.yaml",
    "yaml11-boolean-label-value, kustomization.yaml",
    "component-under-resources, kustomization.yaml",
    "component-wrong-api-version, comp/kustomization.yaml",
    "cycle-through-parent, child/kustomization.yaml",
    "duplicate-ids-across-bases, two/cm.yaml",
    "duplicate-resource-ids, b.yaml",
    "empty-kustomization, kustomization.yaml",
    "generator-create-exists, kustomization.yaml",
    "generator-file-source-two-equals, kustomization.yaml",
    "generator-merge-missing, kustomization.yaml",
    "generator-repeats-key, kustomization.yaml",
    "helm-charts-field, kustomization.yaml",
    "invalid-target-regex, kustomization.yaml",
    "json6902-test-fails, patch.yaml",
    "kustomization-under-components, kustomization.yaml",
    "list-items-not-a-list, list.yaml",
    "missing-resource-file, kustomization.yaml",
    "namespace-id-conflict, kustomization.yaml",
    "patch-matches-nothing, patch.yaml",
    "patch-path-outside-root, app/kustomization.yaml",
    "replicas-match-nothing, kustomization.yaml",
    "resource-without-name, cm.yaml",
    "sort-fifo-with-legacy-options, kustomization.yaml",
    "unknown-field, kustomization.yaml",
  })
  void treumRefusesWhatKustomizeRefuses(String name, String fileAtFault) throws Exception {
    Path tree = corpus().resolve(name);
    assertThatThrownBy(() -> KustomizeCli.build(tree, yaml))
        .as("kustomize refuses %s", name)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed");
    assertThatThrownBy(() -> builder.build(tree))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(tree.resolve(fileAtFault).toString());
  }

  /** A folder left out of the table would never be checked. */
  @Test
  void everyCaseIsInTheTable() throws Exception {
    List<String> folders;
    try (Stream<Path> children = Files.list(corpus())) {
      folders = children.map(p -> p.getFileName().toString()).sorted().toList();
    }
    CsvSource table =
        getClass()
            .getDeclaredMethod("treumRefusesWhatKustomizeRefuses", String.class, String.class)
            .getAnnotation(CsvSource.class);
    List<String> listed =
        Stream.of(table.value()).map(row -> row.split(",")[0].trim()).sorted().toList();
    assertThat(listed).isEqualTo(folders);
  }
}
