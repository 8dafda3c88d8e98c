package io.treum.platform;

import io.treum.gitops.model.Environment;
import java.util.List;

/**
 * The network of one regional cluster: a VPC across three availability zones with a private (nodes,
 * pods through the VPC CNI) and a public (load balancers) subnet in each. The VPC ranges of the
 * regions do not overlap, so that the two VPCs can be peered for database replication.
 *
 * @param vpcCidr the VPC's address range
 * @param serviceCidr the cluster's service address range
 * @param zones the availability zones, one subnet pair each
 * @param privateSubnets the private subnets, in zone order
 * @param publicSubnets the public subnets, in zone order
 */
record Network(
    String vpcCidr,
    String serviceCidr,
    List<String> zones,
    List<String> privateSubnets,
    List<String> publicSubnets) {

  static final Network MUMBAI =
      new Network(
          "10.10.0.0/16",
          "172.20.0.0/16",
          List.of("ap-south-1a", "ap-south-1b", "ap-south-1c"),
          List.of("10.10.0.0/19", "10.10.32.0/19", "10.10.64.0/19"),
          List.of("10.10.96.0/22", "10.10.100.0/22", "10.10.104.0/22"));

  static final Network SINGAPORE =
      new Network(
          "10.20.0.0/16",
          "172.20.0.0/16",
          List.of("ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"),
          List.of("10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"),
          List.of("10.20.96.0/22", "10.20.100.0/22", "10.20.104.0/22"));

  /** The network of an environment's cluster, by its region. */
  static Network of(Environment environment) {
    return switch (environment.region()) {
      case "ap-south-1" -> MUMBAI;
      case "ap-southeast-1" -> SINGAPORE;
      default ->
          throw new IllegalArgumentException(
              "no network for region " + environment.region() + " of " + environment.name());
    };
  }
}
