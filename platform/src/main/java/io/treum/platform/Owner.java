package io.treum.platform;

import java.util.Map;
import java.util.TreeMap;

/**
 * Who pays for a workload: the {@code team} and {@code cost-center} labels cost allocation groups
 * by (AWS split cost allocation for EKS), on every workload, pod template and namespace.
 *
 * @param team the owning team
 * @param costCenter the cost centre its spend is booked to
 */
record Owner(String team, String costCenter) {
  /** The core trading services: the API and real-time signal processing. */
  static final Owner CORE = new Owner("platform", "treum-core");

  /** Reporting from the read replicas. */
  static final Owner REPORTING = new Owner("platform", "treum-reporting");

  /** Cluster infrastructure: autoscaling, mesh, configuration. */
  static final Owner INFRASTRUCTURE = new Owner("platform", "treum-infra");

  /** The ML service and its GPU nodes. */
  static final Owner ML = new Owner("ml", "treum-ml");

  /** Batch and backup processing. */
  static final Owner DATA = new Owner("data", "treum-data");

  /** The labels of an object of the workload {@code name}. */
  Map<String, String> labels(String name) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/part-of", "treum");
    labels.put("team", team);
    labels.put("cost-center", costCenter);
    return labels;
  }
}
