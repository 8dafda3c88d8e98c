package io.treum.platform;

import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Workload;
import java.util.List;

/**
 * TREUM's own platform: the primary region in Mumbai and a hot standby in Singapore at 30% of the
 * primary's capacity, with autoscaling off and read-only workloads.
 */
public final class TreumPlatform implements Definition {
  /** The AWS account that owns the platform's ECR registries. */
  static final String ACCOUNT = "111122223333";

  static final Environment PRODUCTION =
      Environment.named("production")
          .region("ap-south-1")
          .cluster("treum-prod-ap-south-1")
          .primary()
          .registry(ACCOUNT + ".dkr.ecr.ap-south-1.amazonaws.com")
          .namespace("treum")
          .label("treum.io/environment", "production")
          .label("treum.io/region", "ap-south-1")
          .parameter("DATABASE_ENDPOINT", "treum-primary.cluster-abc.ap-south-1.rds.amazonaws.com")
          .build();

  static final Environment DR =
      Environment.named("dr")
          .region("ap-southeast-1")
          .cluster("treum-dr-ap-southeast-1")
          .standby()
          .capacityFactor(0.3)
          .autoscaling(false)
          .registry(ACCOUNT + ".dkr.ecr.ap-southeast-1.amazonaws.com")
          .namespace("treum")
          .label("treum.io/environment", "dr")
          .label("treum.io/region", "ap-southeast-1")
          .parameter(
              "DATABASE_ENDPOINT", "treum-replica.cluster-ro-abc.ap-southeast-1.rds.amazonaws.com")
          .build();

  @Override
  public List<Environment> environments() {
    return List.of(PRODUCTION, DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    return List.of(treumApi(env));
  }

  /** The public API: autoscaled in the primary, a fixed 30% baseline in the standby. */
  static WebService treumApi(Environment env) {
    return WebService.named("treum-api")
        .image(env.image("treum-service", "1.0.0"))
        .team("platform")
        .costCenter("treum-core")
        .requests("500m", "1Gi")
        .limits(null, "2Gi")
        .ephemeralStorage("1Gi")
        .env("AWS_REGION", env.region())
        .env("DATABASE_ENDPOINT", env.parameter("DATABASE_ENDPOINT"))
        .env("READ_ONLY", env.isPrimary() ? "false" : "true")
        .readinessPath("/ready")
        .livenessPath("/healthz")
        .iamRole("arn:aws:iam::" + ACCOUNT + ":role/treum-api-" + env.region())
        .autoscaling(
            env.autoscaling()
                ? Autoscaling.between(5, 100)
                    .cpuUtilization(70)
                    .memoryUtilization(80)
                    .podsMetric("http_requests_per_second", "1000")
                    .scaleUp(60, 100, 15)
                    .scaleDown(300, 50, 60)
                : null)
        .replicas(env.scale(5));
  }
}
