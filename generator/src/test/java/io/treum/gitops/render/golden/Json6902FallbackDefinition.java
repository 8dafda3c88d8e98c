package io.treum.gitops.render.golden;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a strategic merge cannot say, written as JSON 6902 operations after it:
 *
 * <ul>
 *   <li>an explicit {@code null} in a custom resource (a strategic merge would delete the field);
 *   <li>a DNS Deployment whose ports are 53/UDP and 53 without protocol (TCP by default): kyaml
 *       folds the port without protocol into the UDP one whenever it merges any patch into the
 *       Deployment, so the overlay that changes an annotation also restores the ports.
 * </ul>
 */
public class Json6902FallbackDefinition implements Definition {
  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    Map<String, Object> retention = new LinkedHashMap<>();
    retention.put("days", 30);
    // the operator reads null as "keep forever" in the DR copy
    retention.put("maxSize", env.isPrimary() ? "50Gi" : null);
    return List.of(
        Workload.of(
            "backups",
            new GenericKubernetesResourceBuilder()
                .withApiVersion("backup.example.com/v1")
                .withKind("BackupPolicy")
                .withNewMetadata()
                .withName("orders")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec", Map.of("schedule", "0 1 * * *", "retention", retention))
                .build()),
        Workload.of(
            "dns",
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("dns-cache")
                .addToAnnotations("treum.io/tier", env.isPrimary() ? "gold" : "silver")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "dns-cache")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "dns-cache")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("dnsmasq")
                .withImage(env.registry() + "/dnsmasq:2.90")
                .addNewPort()
                .withName("dns")
                .withContainerPort(53)
                .withProtocol("UDP")
                .endPort()
                .addNewPort()
                .withName("dns-tcp")
                .withContainerPort(53)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build()));
  }
}
