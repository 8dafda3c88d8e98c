package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.Definition;
import io.treum.gitops.render.golden.ArgoCdApplicationsDefinition;
import io.treum.gitops.render.golden.CustomResourceListsDefinition;
import io.treum.gitops.render.golden.EnvOrderDefinition;
import io.treum.gitops.render.golden.EnvironmentOnlyObjectsDefinition;
import io.treum.gitops.render.golden.EnvironmentProfilesDefinition;
import io.treum.gitops.render.golden.ImageDigestsDefinition;
import io.treum.gitops.render.golden.Json6902FallbackDefinition;
import io.treum.gitops.render.golden.NullContainerListDefinition;
import io.treum.gitops.render.golden.TolerationsDefinition;
import io.treum.gitops.testing.Golden;
import io.treum.gitops.testing.KustomizeCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders hand-written definitions and compares every file, byte for byte, with {@code
 * src/test/resources/golden/<case>/expected/}; then checks that real kustomize builds each overlay
 * to the typed state. {@code -Dtreum.golden.update=true} rewrites the expected trees (review the
 * diff before committing).
 */
class GoldenTreeTest {
  private final ManifestYaml yaml = new ManifestYaml();
  private final RenderCommand command = new RenderCommand(yaml, MergeSchema.builtIn());

  /**
   * A golden case.
   *
   * @param shows text the rendered tree must contain (file paths included): what the case is for
   */
  record Case(String name, Definition definition, List<String> shows) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "tolerations",
            new TolerationsDefinition(),
            List.of("overlays/dr/patches/deployment-queue-worker.yaml", "tolerations:")),
        new Case(
            "env-order",
            new EnvOrderDefinition(),
            List.of("overlays/staging/patches/deployment-storefront.yaml", "- name: CACHE_URL")),
        new Case(
            "custom-resource-lists",
            new CustomResourceListsDefinition(),
            List.of("overlays/dr/patches/servicemonitor-storefront.yaml", "gateways:")),
        new Case(
            "environment-only-objects",
            new EnvironmentOnlyObjectsDefinition(),
            List.of(
                "overlays/production/horizontalpodautoscaler-checkout.yaml",
                "overlays/staging/configmap-feature-flags.yaml")),
        new Case(
            "environment-profiles",
            new EnvironmentProfilesDefinition(),
            List.of(
                "overlays/dr/treum-environment.yaml",
                "primary: production",
                "tier: non-production",
                "nvidia.com/gpu:")),
        new Case(
            "argocd-applications",
            new ArgoCdApplicationsDefinition(),
            List.of(
                "argocd/appproject-shop.yaml",
                "argocd/application-shop-production.yaml",
                "path: deploy/overlays/dr",
                "targetRevision: release",
                "selfHeal: true",
                "server: https://staging.eks.example.com",
                "namespace: shop-jobs",
                "kind: ClusterRole")),
        new Case(
            "image-digests",
            new ImageDigestsDefinition(),
            List.of("digest: " + ImageDigestsDefinition.DIGEST, "newName:")),
        new Case(
            "json6902-fallback",
            new Json6902FallbackDefinition(),
            List.of(
                "overlays/dr/patches/backuppolicy-orders.json6902.yaml",
                "path: /spec/retention/maxSize",
                "overlays/dr/patches/deployment-dns-cache.json6902.yaml",
                "path: /spec/template/spec/containers/0/ports")),
        new Case(
            "null-container-list",
            new NullContainerListDefinition(),
            List.of(
                "overlays/staging/patches/rollout-api-canary.json6902.yaml",
                "image: 111122223333.dkr.ecr.ap-south-1.amazonaws.com/shop/api:5.9.3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheGoldenTreeThatKustomizeBuildsToTheTypedState(Case golden) throws Exception {
    Path out = java.nio.file.Files.createTempDirectory("treum-golden");
    try {
      RenderRequest request = new RenderRequest(golden.definition(), out, Set.of());
      command.render(request);
      Rendering rendering = command.renderInMemory(request);
      Golden.Tree expected = Golden.tree("golden/" + golden.name() + "/expected");
      expected.updateIfRequested(rendering.files());

      assertThat(expected.differences(rendering.files())).as("golden files").isEmpty();
      assertThat(Golden.read(out)).as("files written").isEqualTo(rendering.files());
      String everything =
          rendering.files().entrySet().stream()
              .map(e -> e.getKey() + "\n" + e.getValue())
              .reduce("", String::concat);
      assertThat(everything).as("what the case shows").contains(golden.shows());

      for (EnvironmentState state : rendering.states()) {
        List<JsonNode> built =
            KustomizeCli.build(out.resolve("overlays").resolve(state.name()), yaml);
        assertThat(ObjectSetDiff.compare(state.trees(), built, yaml))
            .as("kustomize build overlays/%s", state.name())
            .isEmpty();
      }
    } finally {
      Golden.delete(out);
    }
  }
}
