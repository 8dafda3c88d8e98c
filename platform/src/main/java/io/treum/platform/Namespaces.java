package io.treum.platform;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.treum.gitops.model.Workload;
import java.util.Map;
import java.util.TreeMap;

/**
 * TREUM's namespaces, one per cost owner, each with the cost allocation labels and Istio sidecar
 * injection on. {@code kube-system} and {@code istio-system} exist before Argo CD syncs and are not
 * managed here.
 */
final class Namespaces {
  /** The services: API, signal processing, reporting. */
  static final String SERVICES = "treum";

  /** The ML service on the GPU node group. */
  static final String ML = "treum-ml";

  /** Batch and backup jobs on spot capacity. */
  static final String BATCH = "treum-batch";

  private Namespaces() {}

  static Workload workload() {
    return Workload.of(
        "namespaces",
        namespace(SERVICES, Owner.CORE),
        namespace(ML, Owner.ML),
        namespace(BATCH, Owner.DATA));
  }

  private static Namespace namespace(String name, Owner owner) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("istio-injection", "enabled");
    labels.put("app.kubernetes.io/part-of", "treum");
    labels.put("team", owner.team());
    labels.put("cost-center", owner.costCenter());
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }
}
