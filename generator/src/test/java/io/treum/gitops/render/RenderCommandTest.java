package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.testing.KustomizeCli;
import io.treum.gitops.testing.SampleDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final RenderCommand command = new RenderCommand(yaml, MergeSchema.builtIn());

  @Test
  void realKustomizeBuildsEveryOverlayToTheTypedState(@TempDir Path out) {
    RenderResult result = command.render(new RenderRequest(new SampleDefinition(), out, Set.of()));
    assertThat(result.environments()).containsExactly("production", "dr");
    Rendering rendering =
        command.renderInMemory(new RenderRequest(new SampleDefinition(), out, Set.of()));
    for (EnvironmentState state : rendering.states()) {
      List<JsonNode> built =
          KustomizeCli.build(out.resolve("overlays").resolve(state.name()), yaml);
      assertThat(ObjectSetDiff.compare(state.trees(), built, yaml)).isEmpty();
    }
  }
}
