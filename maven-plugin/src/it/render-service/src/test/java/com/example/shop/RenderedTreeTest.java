package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.render.EnvironmentState;
import io.treum.gitops.render.ObjectSetDiff;
import io.treum.gitops.render.RenderCommand;
import io.treum.gitops.render.RenderRequest;
import io.treum.gitops.testing.KustomizeCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tree treum:render wrote (at process-classes) builds, with real kustomize, to the typed state. */
class RenderedTreeTest {
  @Test
  void realKustomizeBuildsEachOverlayToTheDefinition() {
    ManifestYaml yaml = new ManifestYaml();
    Path root = Path.of("").toAbsolutePath();
    List<EnvironmentState> states =
        new RenderCommand(yaml, MergeSchema.builtIn())
            .renderInMemory(new RenderRequest(new ShopDefinition(), root, Set.of()))
            .states();
    assertEquals(2, states.size());
    for (EnvironmentState state : states) {
      List<JsonNode> built = KustomizeCli.build(root.resolve("overlays").resolve(state.name()), yaml);
      assertEquals(List.of(), ObjectSetDiff.compare(state.trees(), built, yaml), state.name());
    }
  }
}
