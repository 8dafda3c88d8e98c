package io.treum.gitops.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A named group of Kubernetes objects rendered together into {@code base/<name>/}. The high-level
 * constructs ({@link WebService}, {@link Worker}, {@link MlService}, {@link BatchJob}) are
 * workloads; {@link #of(String, HasMetadata...)} wraps any fabric8 object or custom resource
 * ({@link io.fabric8.kubernetes.api.model.GenericKubernetesResource}).
 */
public interface Workload {

  /** The workload's name: a DNS-1123 label, also its folder under {@code base/}. */
  String name();

  /** The objects this workload expands to, in a stable order. */
  List<HasMetadata> resources();

  /** A workload made of the given objects as they are. */
  static Workload of(String name, HasMetadata... resources) {
    return of(name, List.of(resources));
  }

  /** A workload made of the given objects as they are. */
  static Workload of(String name, List<? extends HasMetadata> resources) {
    Names.requireDns1123Label(name, "workload name");
    List<HasMetadata> copy = List.copyOf(resources);
    return new Workload() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<HasMetadata> resources() {
        return copy;
      }
    };
  }
}
