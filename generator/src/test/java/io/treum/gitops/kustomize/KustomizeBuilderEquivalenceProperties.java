package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.render.ObjectSetDiff;
import io.treum.gitops.testing.Golden;
import io.treum.gitops.testing.KustomizeCli;
import io.treum.gitops.testing.gen.PatchArbitraries;
import io.treum.gitops.testing.gen.PatchArbitraries.PatchCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * treum's Kustomize builder agrees with real kustomize on strategic-merge patches the renderer
 * would never write (directives, nulls, any element order, elements lacking merge keys): both build
 * the same objects, or both fail. The renderer's differ trusts {@link StrategicMergePatch} to
 * predict kustomize, so it has to hold beyond the renderer's own output.
 *
 * <p>Abstract so that it runs once, through {@link KustomizeBuilderEquivalenceTest}: surefire's
 * default includes ({@code *Test}, {@code *Tests}, {@code Test*}, {@code *TestCase}) do not match
 * {@code *Properties}.
 */
abstract class KustomizeBuilderEquivalenceProperties {
  private final ManifestYaml yaml = new ManifestYaml();
  private final MergeSchema schema = MergeSchema.builtIn();

  @Property(tries = 100)
  void javaBuilderAppliesPatchesLikeKustomize(@ForAll("cases") PatchCase patchCase)
      throws IOException {
    Path root = Files.createTempDirectory("treum-builder");
    try {
      Path base = Files.createDirectories(root.resolve("base"));
      Files.writeString(base.resolve("object.yaml"), yaml.write(patchCase.resource()));
      Files.writeString(base.resolve("kustomization.yaml"), "resources:\n  - object.yaml\n");
      Path overlay = Files.createDirectories(root.resolve("overlay"));
      Files.writeString(overlay.resolve("patch.yaml"), yaml.write(patchCase.patch()));
      Files.writeString(
          overlay.resolve("kustomization.yaml"),
          "resources:\n  - ../base\npatches:\n  - path: patch.yaml\n");

      List<JsonNode> expected = null;
      AssertionError kustomizeFailure = null;
      try {
        expected = KustomizeCli.build(overlay, yaml);
      } catch (AssertionError e) {
        if (e.getMessage().contains("is required by this test")) {
          throw e;
        }
        kustomizeFailure = e;
      }
      List<ObjectNode> actual = null;
      RuntimeException javaFailure = null;
      try {
        actual = new KustomizeBuilder(yaml, schema).build(overlay);
      } catch (KustomizeException | YamlException e) {
        javaFailure = e;
      }
      if (kustomizeFailure != null) {
        assertThat(javaFailure)
            .as(
                "kustomize fails (%s) but treum's builder does not, on\n%s",
                kustomizeFailure.getMessage(), patchCase)
            .isNotNull();
        return;
      }
      assertThat(javaFailure).as("treum's builder fails on\n%s", patchCase).isNull();
      assertThat(ObjectSetDiff.compare(expected, actual, yaml))
          .as("treum's builder differs from kustomize on\n%s", patchCase)
          .isEmpty();
    } finally {
      Golden.delete(root);
    }
  }

  @Provide
  Arbitrary<PatchCase> cases() {
    return PatchArbitraries.cases(schema);
  }
}
