package io.treum.gitops.render.golden;

import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Workload;
import java.util.List;
import java.util.Map;

/**
 * What the policy gate is told about each environment ({@code treum-environment.yaml}): two
 * primaries, so the standby names its own with {@code standbyOf}; explicit policy parameters of
 * TREUM's gate and of a project's own policy; a registry outside ECR (no account); and a workload
 * parameter that stays out of the profile.
 */
public class EnvironmentProfilesDefinition implements Definition {
  static final Environment PRODUCTION =
      Environment.named("production")
          .region("ap-south-1")
          .primary()
          .registry("111122223333.dkr.ecr.ap-south-1.amazonaws.com/shop")
          .namespace("shop")
          .zones(3)
          .nodeGroup("default", Map.of("cpu", "7500m", "memory", "28Gi"))
          .nodeGroup("ml-nodes", Map.of("cpu", "47", "memory", "180Gi", "nvidia.com/gpu", "4"))
          .policyParameter("costReview", Map.of("owner", "finops", "monthlyBudget", 12000))
          .parameter("DATABASE_ENDPOINT", "shop-primary.internal")
          .build();

  static final Environment STAGING =
      Environment.named("staging")
          .region("ap-south-1")
          .primary()
          .registry("registry.example.com/shop")
          .namespace("shop")
          .tier(Environment.Tier.NON_PRODUCTION)
          .zones(2)
          .allowedRegistries(
              "registry.example.com", "111122223333.dkr.ecr.ap-south-1.amazonaws.com")
          .mesh(Environment.Mesh.NONE)
          .parameter("DATABASE_ENDPOINT", "shop-staging.internal")
          .build();

  static final Environment DR =
      Environment.named("dr")
          .region("ap-southeast-1")
          .standbyOf("production")
          .capacityFactor(0.25)
          .autoscaling(false)
          .registry("111122223333.dkr.ecr.ap-southeast-1.amazonaws.com/shop")
          .namespace("shop")
          .mlNodeGroup("gpu")
          .policyParameter("drillsPerYear", 4)
          .policyParameter("failoverTested", true)
          .parameter("DATABASE_ENDPOINT", "shop-replica.internal")
          .build();

  @Override
  public List<Environment> environments() {
    return List.of(PRODUCTION, STAGING, DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    return List.of(
        WebService.named("storefront")
            .image(env.image("storefront", "3.1.0"))
            .team("shop")
            .requests("250m", "256Mi")
            .env("DATABASE_ENDPOINT", env.parameter("DATABASE_ENDPOINT"))
            .readinessPath("/ready")
            .replicas(env.scale(4)));
  }
}
