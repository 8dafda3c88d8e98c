package io.treum.gitops.testing;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.BatchJob;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.MlService;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Worker;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small service repository definition exercising every construct, with two environments. */
public class SampleDefinition implements Definition {
  public static final Environment PRODUCTION =
      Environment.named("production")
          .region("ap-south-1")
          .cluster("treum-prod-mumbai")
          .primary()
          .registry("111122223333.dkr.ecr.ap-south-1.amazonaws.com")
          .namespace("treum")
          .label("treum.io/environment", "production")
          .parameter("DATABASE_HOST", "db-primary.treum.internal")
          .build();

  public static final Environment DR =
      Environment.named("dr")
          .region("ap-southeast-1")
          .cluster("treum-dr-singapore")
          .standby()
          .capacityFactor(0.3)
          .autoscaling(false)
          .registry("111122223333.dkr.ecr.ap-southeast-1.amazonaws.com")
          .namespace("treum")
          .label("treum.io/environment", "dr")
          .parameter("DATABASE_HOST", "db-replica.treum.internal")
          .build();

  @Override
  public List<Environment> environments() {
    return List.of(PRODUCTION, DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    List<Workload> workloads = new ArrayList<>();
    workloads.add(
        WebService.named("treum-api")
            .image(env.image("treum-service", "1.4.2"))
            .team("platform")
            .costCenter("cc-100")
            .requests("500m", "512Mi")
            .limits(null, "1Gi")
            .env("DATABASE_HOST", env.parameter("DATABASE_HOST"))
            .env("READ_ONLY", env.isPrimary() ? "false" : "true")
            .readinessPath("/ready")
            .livenessPath("/healthz")
            .autoscaling(
                env.autoscaling()
                    ? Autoscaling.between(5, 100)
                        .cpuUtilization(70)
                        .memoryUtilization(80)
                        .podsMetric("http_requests_per_second", "1000")
                        .scaleUp(60, 100, 15)
                        .scaleDown(300, 50, 60)
                    : null)
            .replicas(env.scale(5)));
    workloads.add(
        Worker.named("treum-reporting")
            .image(env.image("treum-reporting", "2.0.0"))
            .team("data")
            .costCenter("cc-200")
            .requests("250m", "256Mi")
            .replicas(env.isPrimary() ? 2 : 1));
    workloads.add(
        MlService.named("treum-ml-service")
            .image(env.image("treum-ml", "0.9.1"))
            .containerName("ml-container")
            .team("ml")
            .costCenter("cc-300")
            .requests("1", "2Gi")
            .minAllowed("100m", "512Mi")
            .maxAllowed("8", "16Gi")
            .replicas(env.isPrimary() ? 2 : 1));
    workloads.add(
        BatchJob.named("treum-backup")
            .image(env.image("treum-backup", "1.0.0"))
            .team("platform")
            .costCenter("cc-100")
            .requests("100m", "128Mi")
            .schedule(env.isPrimary() ? "0 2 * * *" : "0 4 * * *"));
    workloads.add(
        Workload.of(
            "cluster-config",
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cluster-config")
                .withNamespace("kube-system")
                .endMetadata()
                .withData(Map.of("region", env.region(), "cluster", env.cluster()))
                .build()));
    if (env.isPrimary()) {
      workloads.add(
          Workload.of(
              "mesh",
              new GenericKubernetesResourceBuilder()
                  .withApiVersion("install.istio.io/v1alpha1")
                  .withKind("IstioOperator")
                  .withNewMetadata()
                  .withName("treum-mesh")
                  .withNamespace("istio-system")
                  .endMetadata()
                  .addToAdditionalProperties(
                      "spec",
                      Map.of(
                          "profile",
                          "default",
                          "components",
                          Map.of(
                              "ingressGateways",
                              List.of(Map.of("name", "istio-ingressgateway", "enabled", true)))))
                  .build()));
    }
    return workloads;
  }
}
