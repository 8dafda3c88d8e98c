package com.example.shop;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.BatchJob;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shop's workloads: an API autoscaled in production, fixed in DR, and a nightly job. */
public final class ShopDefinition implements Definition {
  static final Environment PRODUCTION =
      Environment.named("production")
          .region("ap-south-1")
          .primary()
          .registry("111122223333.dkr.ecr.ap-south-1.amazonaws.com")
          .namespace("shop")
          .label("treum.io/environment", "production")
          .build();

  static final Environment DR =
      Environment.named("dr")
          .region("ap-southeast-1")
          .standby()
          .capacityFactor(0.3)
          .autoscaling(false)
          .registry("111122223333.dkr.ecr.ap-southeast-1.amazonaws.com")
          .namespace("shop")
          .label("treum.io/environment", "dr")
          .build();

  @Override
  public List<Environment> environments() {
    return List.of(PRODUCTION, DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    List<Workload> workloads = new ArrayList<>();
    workloads.add(
        WebService.named("shop-api")
            .image(env.image("shop-api", "2.3.1"))
            .team("shop")
            .costCenter("cc-42")
            .requests("250m", "256Mi")
            .limits(null, "512Mi")
            .readinessPath("/ready")
            .env("READ_ONLY", env.isPrimary() ? "false" : "true")
            .autoscaling(env.autoscaling() ? Autoscaling.between(3, 20).cpuUtilization(70) : null)
            .replicas(env.scale(3)));
    workloads.add(
        BatchJob.named("shop-reindex")
            .image(env.image("shop-jobs", "2.3.1"))
            .team("shop")
            .costCenter("cc-42")
            .requests("100m", "128Mi")
            .limits(null, "256Mi")
            .schedule("30 1 * * *")
            .suspended(!env.isPrimary()));
    workloads.add(
        Workload.of(
            "shop-config",
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("shop-config")
                .endMetadata()
                .withData(Map.of("region", env.region(), "read-only", String.valueOf(!env.isPrimary())))
                .build()));
    return workloads;
  }
}
