package io.treum.gitops.render.golden;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.ImageReference;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom resource whose pod template has {@code containers: null} in staging. Kustomize's images
 * transformer turns such a null list into an empty one, whatever its entries name, and runs after
 * every patch: staging's overlay has no {@code images:} entries, so its images are written in full
 * by patches, while production keeps one-line image entries.
 */
public class NullContainerListDefinition implements Definition {
  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.STAGING);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    ImageReference image = ImageReference.parse(env.registry() + "/shop/api:5.9.3");
    Map<String, Object> podSpec = new HashMap<>();
    podSpec.put(
        "containers",
        env.name().equals("staging")
            ? null
            : new ArrayList<>(List.of(Map.of("name", "api", "image", image.toString()))));
    return List.of(
        WebService.named("api").image(image).team("shop").requests("250m", "256Mi").replicas(2),
        Workload.of(
            "canary",
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Rollout")
                .withNewMetadata()
                .withName("api-canary")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec", Map.of("replicas", 1, "template", Map.of("spec", podSpec)))
                .build()));
  }
}
