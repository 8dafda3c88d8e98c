package io.treum.platform;

import io.treum.gitops.model.Environment;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An EKS managed node group of TREUM's clusters: its instance types, capacity type, taint, size in
 * the primary and the allocatable resources of its largest node, which the policy gate checks
 * requests and VPA bounds against (RES-004, VPA-003). Every node carries the label {@code
 * treum.io/node-group=<name>}; EKS adds {@code eks.amazonaws.com/capacityType}.
 *
 * @param name the node group, also the value of its {@code treum.io/node-group} label
 * @param instanceTypes the instance types, largest last
 * @param capacityType {@code ON_DEMAND} (reserved instances cover the baseline) or {@code SPOT}
 * @param taint {@code key=value:effect} on every node, or {@code null}
 * @param minSize nodes the primary keeps at least
 * @param maxSize nodes the cluster autoscaler may grow the group to
 * @param largestNode allocatable resources of the largest instance type (capacity minus EKS's
 *     kube-reserved and eviction threshold), as quantities
 */
record NodeGroup(
    String name,
    List<String> instanceTypes,
    String capacityType,
    String taint,
    int minSize,
    int maxSize,
    Map<String, String> largestNode) {

  /** Node label every node of a group carries. */
  static final String LABEL = "treum.io/node-group";

  /** Cluster add-ons (the cluster autoscaler, istiod) only: tainted for critical add-ons. */
  static final NodeGroup SYSTEM =
      new NodeGroup(
          "system-nodes",
          List.of("m6i.large", "m6i.xlarge"),
          "ON_DEMAND",
          "CriticalAddonsOnly=true:NoSchedule",
          3,
          6,
          Map.of("cpu", "3920m", "memory", "14Gi"));

  /** The services' reserved on-demand baseline (compute optimised). */
  static final NodeGroup APPLICATION =
      new NodeGroup(
          "application-nodes",
          List.of("c6i.2xlarge", "c6i.4xlarge"),
          "ON_DEMAND",
          null,
          6,
          60,
          Map.of("cpu", "15890m", "memory", "27Gi"));

  /** Batch processing on spot, diversified over instance types; tainted so only batch lands. */
  static final NodeGroup BATCH =
      new NodeGroup(
          "batch-nodes",
          List.of("c5.2xlarge", "c6i.2xlarge", "c5.4xlarge", "c6i.4xlarge"),
          "SPOT",
          "treum.io/spot=true:NoSchedule",
          0,
          30,
          Map.of("cpu", "15890m", "memory", "27Gi"));

  /** GPU nodes for the ML service, tainted nvidia.com/gpu; p3.2xlarge has one V100. */
  static final NodeGroup ML =
      new NodeGroup(
          "ml-nodes",
          List.of("g4dn.xlarge", "p3.2xlarge"),
          "ON_DEMAND",
          "nvidia.com/gpu=true:NoSchedule",
          3,
          12,
          Map.of("cpu", "7910m", "memory", "57Gi", "nvidia.com/gpu", "1"));

  /** Every node group of a TREUM cluster. */
  static final List<NodeGroup> ALL = List.of(SYSTEM, APPLICATION, BATCH, ML);

  /**
   * The node group pods that select none land on: the only untainted one, {@link #APPLICATION}. The
   * gate checks such pods against its largest node (policy node group {@code default}).
   */
  static final NodeGroup UNSELECTED = APPLICATION;

  /**
   * Nodes the environment keeps at least: the primary's minimum scaled by the environment's
   * capacity factor (a group that may shrink to zero stays at zero).
   */
  int minSize(Environment environment) {
    return minSize == 0 ? 0 : Math.max(1, (int) Math.round(minSize * environment.capacityFactor()));
  }

  /** What {@code cluster-config} says of the group, by key ({@code nodeGroup.<name>.<field>}). */
  SortedMap<String, String> configEntries(Environment environment) {
    SortedMap<String, String> entries = new TreeMap<>();
    String prefix = "nodeGroup." + name + ".";
    entries.put(prefix + "instanceTypes", String.join(",", instanceTypes));
    entries.put(prefix + "capacityType", capacityType);
    entries.put(prefix + "labels", LABEL + "=" + name);
    entries.put(prefix + "taints", taint == null ? "" : taint);
    entries.put(prefix + "minSize", Integer.toString(minSize(environment)));
    // The primary's maximum everywhere: after a failover the standby grows to the primary's size.
    entries.put(prefix + "maxSize", Integer.toString(maxSize));
    return entries;
  }
}
