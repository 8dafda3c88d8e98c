package io.treum.gitops.testing.gen;

import io.treum.gitops.model.Environment;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated environment.
 *
 * @param namespace the default namespace, or {@code null}
 */
public record EnvSpec(
    String name,
    String namespace,
    Map<String, String> labels,
    String registry,
    boolean primary,
    boolean autoscaling) {

  public EnvSpec {
    labels = new TreeMap<>(labels);
  }

  public Environment toEnvironment() {
    Environment.Builder builder =
        Environment.named(name)
            .region(primary ? "ap-south-1" : "ap-southeast-1")
            .cluster("cluster-" + name)
            .registry(registry)
            .autoscaling(autoscaling);
    if (primary) {
      builder.primary();
    } else {
      builder.standby().capacityFactor(0.5);
    }
    if (namespace != null) {
      builder.namespace(namespace);
    }
    labels.forEach(builder::label);
    return builder.build();
  }
}
