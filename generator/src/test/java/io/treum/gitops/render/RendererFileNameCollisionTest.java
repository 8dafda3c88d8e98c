package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import io.treum.gitops.testing.SampleDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renderer.fileNames: three objects that share kind, namespace, name and version but not the API
 * group (a "Certificate t" from three groups) all end up in base/cr/certificate-treum-t-v1.yaml for
 * two of them, one file overwrites the other, and render fails its own check with "This is a treum
 * bug".
 */
class RendererFileNameCollisionTest {
  private static HasMetadata certificate(String group) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(group + "/v1")
        .withKind("Certificate")
        .withNewMetadata()
        .withName("t")
        .withNamespace("treum")
        .endMetadata()
        .build();
  }

  @Test
  void sameKindNameAndVersionFromThreeGroupsRender(@TempDir Path out) {
    Definition definition =
        new Definition() {
          @Override
          public List<Environment> environments() {
            return List.of(SampleDefinition.PRODUCTION, SampleDefinition.DR);
          }

          @Override
          public List<Workload> workloads(Environment environment) {
            return List.of(
                Workload.of(
                    "cr",
                    certificate("a.example.com"),
                    certificate("b.example.com"),
                    certificate("c.example.com")));
          }
        };
    RenderCommand command = new RenderCommand(new ManifestYaml(), MergeSchema.builtIn());
    Rendering rendering = command.renderInMemory(new RenderRequest(definition, out, Set.of()));
    assertThat(rendering.files().keySet().stream().filter(p -> p.startsWith("base/cr/")))
        .hasSize(3);
    command.render(new RenderRequest(definition, out, Set.of()));
  }
}
