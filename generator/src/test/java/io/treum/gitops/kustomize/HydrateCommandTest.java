package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.render.ObjectSetDiff;
import io.treum.gitops.render.RenderCommand;
import io.treum.gitops.render.RenderRequest;
import io.treum.gitops.testing.KustomizeCli;
import io.treum.gitops.testing.SampleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HydrateCommandTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final HydrateCommand hydrate = new HydrateCommand(yaml, MergeSchema.builtIn());

  @TempDir Path tree;

  @BeforeEach
  void render() {
    new RenderCommand(yaml, MergeSchema.builtIn())
        .render(new RenderRequest(new SampleDefinition(), tree, Set.of()));
  }

  @Test
  void everyOverlayHydratesToWhatKustomizeBuildsInTheSameOrder() {
    Map<String, String> streams = hydrate.hydrate(new HydrateRequest(tree, Set.of(), null));
    assertThat(streams).containsOnlyKeys("dr", "production");
    for (Map.Entry<String, String> stream : streams.entrySet()) {
      List<JsonNode> ours = yaml.readAll(stream.getValue(), stream.getKey());
      List<JsonNode> kustomize =
          KustomizeCli.build(tree.resolve("overlays").resolve(stream.getKey()), yaml);
      assertThat(ObjectSetDiff.compare(kustomize, ours, yaml)).isEmpty();
      assertThat(ours).hasSameSizeAs(kustomize);
      for (int i = 0; i < ours.size(); i++) {
        assertThat(io.treum.gitops.render.ResourceKey.of(ours.get(i)))
            .isEqualTo(io.treum.gitops.render.ResourceKey.of(kustomize.get(i)));
      }
    }
  }

  @Test
  void writesOneFilePerEnvironmentAndOnlyTheRequestedOnes(@TempDir Path out) throws IOException {
    Path output = out.resolve("hydrated");
    hydrate.hydrate(new HydrateRequest(tree, Set.of("dr"), output));
    try (var files = Files.list(output)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dr.yaml");
    }
    assertThat(Files.readString(output.resolve("dr.yaml"))).contains("treum.io/environment: dr");
  }

  @Test
  void unknownEnvironmentsAndMissingOverlaysAreNamed(@TempDir Path empty) {
    assertThatThrownBy(() -> hydrate.hydrate(new HydrateRequest(tree, Set.of("staging"), null)))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("'staging'")
        .hasMessageContaining("[dr, production]");
    assertThatThrownBy(() -> hydrate.hydrate(new HydrateRequest(empty, Set.of(), null)))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("has no overlays/ folder");
  }

  @Test
  void anOutputThatIsAFileIsRefused(@TempDir Path out) throws IOException {
    Path file = Files.writeString(out.resolve("file"), "x");
    assertThatThrownBy(() -> hydrate.hydrate(new HydrateRequest(tree, Set.of(), file)))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("is not a folder");
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
