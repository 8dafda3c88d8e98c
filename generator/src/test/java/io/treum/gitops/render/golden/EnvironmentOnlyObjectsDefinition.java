package io.treum.gitops.render.golden;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Objects that exist only in some environments: an HPA and a PodDisruptionBudget where the web
 * service autoscales, a feature-flag ConfigMap only in staging. They live in the overlay, not in
 * the base.
 */
public class EnvironmentOnlyObjectsDefinition implements Definition {
  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.STAGING);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    List<Workload> workloads = new ArrayList<>();
    workloads.add(
        WebService.named("checkout")
            .image(env.image("checkout", "2.4.1"))
            .team("payments")
            .requests("500m", "512Mi")
            .readinessPath("/ready")
            .autoscaling(env.autoscaling() ? Autoscaling.between(3, 30).cpuUtilization(70) : null)
            .replicas(1));
    if (!env.autoscaling()) {
      workloads.add(
          Workload.of(
              "feature-flags",
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("feature-flags")
                  .endMetadata()
                  .withData(Map.of("new-checkout", "true", "dark-mode", "false"))
                  .build()));
    }
    return workloads;
  }
}
