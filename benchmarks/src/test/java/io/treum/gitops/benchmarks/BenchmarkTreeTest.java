package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated tree builds with treum's builder into what the benchmark expects. */
class BenchmarkTreeTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());

  @TempDir Path dir;

  @Test
  void everyOverlayBuildsToFiveObjectsPerServiceThatPassTheSelfCheck() {
    BenchmarkTree tree = BenchmarkTree.write(dir.resolve("tree"), 3, yaml);

    for (String overlay : BenchmarkTree.OVERLAYS) {
      List<ObjectNode> built = builder.build(tree.overlay(overlay));

      assertThat(built).hasSize(15);
      assertThat(tree.check(overlay, built)).isEmpty();
    }
  }

  @Test
  void theOverlayPatchesImagesNamespaceAndLabelsOfEachService() {
    BenchmarkTree tree = BenchmarkTree.write(dir.resolve("tree"), 2, yaml);

    ObjectNode deployment =
        builder.build(tree.overlay("staging")).stream()
            .filter(o -> o.path("kind").asText().equals("Deployment"))
            .filter(o -> o.at("/metadata/name").asText().equals("svc-0002"))
            .findFirst()
            .orElseThrow();

    assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("bench-staging");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.example.com/staging/svc-0002:1.1.2");
    assertThat(deployment.at("/spec/template/metadata/labels/treum.io~1environment").asText())
        .isEqualTo("staging");
    assertThat(deployment.at("/spec/selector/matchLabels").has("treum.io/environment")).isFalse();
    assertThat(deployment.at("/spec/template/spec/containers/0/env").toString())
        .contains("SERVICE_NAME", "ENVIRONMENT", "LOG_LEVEL");
  }

  @Test
  void theSelfCheckCatchesAWrongBuild() {
    BenchmarkTree tree = BenchmarkTree.write(dir.resolve("tree"), 2, yaml);
    List<ObjectNode> built = new ArrayList<>(builder.build(tree.overlay("dev")));
    built.remove(built.size() - 1);
    built.get(0).with("metadata").put("namespace", "elsewhere");

    assertThat(tree.check("dev", built))
        .anySatisfy(p -> assertThat(p).contains("expected 10 objects, built 9"))
        .anySatisfy(p -> assertThat(p).contains("is not in namespace bench-dev"));
  }

  @Test
  void rewritingATreeReplacesItButAForeignFolderIsLeftAlone() throws IOException {
    BenchmarkTree.write(dir.resolve("tree"), 3, yaml);
    BenchmarkTree.write(dir.resolve("tree"), 1, yaml);
    assertThat(dir.resolve("tree/base/svc-0003")).doesNotExist();

    Files.createDirectories(dir.resolve("mine"));
    Files.writeString(dir.resolve("mine/notes.txt"), "keep");
    assertThatThrownBy(() -> BenchmarkTree.write(dir.resolve("mine"), 1, yaml))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("holds no benchmark tree");
    assertThat(dir.resolve("mine/notes.txt")).hasContent("keep");
  }
}
