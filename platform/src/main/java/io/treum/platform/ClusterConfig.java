package io.treum.platform;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code cluster-config} ConfigMap in {@code kube-system}: what the cluster is (name, region,
 * role), its network and its node groups, for the tools and runbooks that need them in the cluster
 * (e.g. failover scripts reading the standby's node group sizes). One key per fact, so that a
 * difference between environments is a one-line patch.
 */
final class ClusterConfig {
  static final String NAME = "cluster-config";

  private ClusterConfig() {}

  static Workload workload(Environment env) {
    Network network = Network.of(env);
    SortedMap<String, String> data = new TreeMap<>();
    data.put("cluster.name", env.cluster());
    data.put("cluster.region", env.region());
    data.put("cluster.role", env.isPrimary() ? "primary" : "standby");
    data.put("cluster.capacityFactor", Double.toString(env.capacityFactor()));
    data.put("network.vpcCidr", network.vpcCidr());
    data.put("network.serviceCidr", network.serviceCidr());
    data.put("network.availabilityZones", String.join(",", network.zones()));
    data.put("network.privateSubnets", String.join(",", network.privateSubnets()));
    data.put("network.publicSubnets", String.join(",", network.publicSubnets()));
    data.put("network.cni", "amazon-vpc-cni");
    data.put("network.ingress", "istio-ingressgateway behind an NLB, cross-zone load balancing");
    data.put("nodeGroups", String.join(",", NodeGroup.ALL.stream().map(NodeGroup::name).toList()));
    NodeGroup.ALL.forEach(group -> data.putAll(group.configEntries(env)));
    data.put(
        "clusterAutoscaler.autoDiscoveryTags",
        String.join(",", ClusterAutoscaler.discoveryTags(env)));
    return Workload.of(
        NAME,
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace("kube-system")
            .withLabels(Owner.INFRASTRUCTURE.labels(NAME))
            .endMetadata()
            .withData(data)
            .build());
  }
}
