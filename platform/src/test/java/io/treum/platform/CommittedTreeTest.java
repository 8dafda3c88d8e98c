package io.treum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.render.EnvironmentState;
import io.treum.gitops.render.ObjectSetDiff;
import io.treum.gitops.render.RenderCommand;
import io.treum.gitops.render.RenderRequest;
import io.treum.gitops.render.Rendering;
import io.treum.gitops.testing.KustomizeCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed top-level tree is what Argo CD deploys: the real {@code kustomize build
 * overlays/<env>} of it must give exactly the objects {@link TreumPlatform} defines, for every
 * environment. ({@code treum:check} compares the files; this proves what they build to.)
 */
class CommittedTreeTest {
  private static final Path REPOSITORY_ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();

  private final ManifestYaml yaml = new ManifestYaml();

  @Test
  void realKustomizeBuildsEveryCommittedOverlayToTheDefinedState() {
    Rendering rendering =
        new RenderCommand(yaml, MergeSchema.builtIn())
            .renderInMemory(new RenderRequest(new TreumPlatform(), REPOSITORY_ROOT, Set.of()));

    assertThat(rendering.states())
        .extracting(EnvironmentState::name)
        .containsExactlyInAnyOrder("production", "dr");
    for (EnvironmentState state : rendering.states()) {
      Path overlay = REPOSITORY_ROOT.resolve("overlays").resolve(state.name());
      List<JsonNode> built = KustomizeCli.build(overlay, yaml);
      assertThat(ObjectSetDiff.compare(state.trees(), built, yaml))
          .as("kustomize build %s against %s", overlay, state.name())
          .isEmpty();
      assertThat(built).hasSize(state.trees().size());
    }
  }
}
