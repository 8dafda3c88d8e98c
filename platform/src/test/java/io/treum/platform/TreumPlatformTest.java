package io.treum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscaler;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.treum.gitops.model.ArgoCd;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the architecture document asks of the two regions, checked on the typed definition. */
class TreumPlatformTest {
  private final TreumPlatform platform = new TreumPlatform();
  private final Environment production = TreumPlatform.PRODUCTION;
  private final Environment dr = TreumPlatform.DR;

  private List<HasMetadata> objects(Environment env) {
    List<HasMetadata> objects = new ArrayList<>();
    platform.workloads(env).stream().map(Workload::resources).forEach(objects::addAll);
    return objects;
  }

  private <T extends HasMetadata> List<T> all(Environment env, Class<T> type) {
    return objects(env).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private <T extends HasMetadata> Optional<T> named(Environment env, Class<T> type, String name) {
    return all(env, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  private Container mainContainer(Environment env, String deployment) {
    return named(env, Deployment.class, deployment)
        .orElseThrow()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Stream<PodSpec> podSpecs(List<HasMetadata> objects) {
    return objects.stream()
        .flatMap(
            o -> {
              if (o instanceof Deployment d) {
                return Stream.of(d.getSpec().getTemplate().getSpec());
              }
              if (o instanceof CronJob c) {
                return Stream.of(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
              }
              return Stream.empty();
            });
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> values = new java.util.TreeMap<>();
    for (EnvVar var : container.getEnv()) {
      values.put(var.getName(), var.getValue());
    }
    return values;
  }

  @Test
  void theRegionsAndTheirRoles() {
    assertThat(production.region()).isEqualTo("ap-south-1");
    assertThat(production.isPrimary()).isTrue();
    assertThat(production.autoscaling()).isTrue();
    assertThat(dr.region()).isEqualTo("ap-southeast-1");
    assertThat(dr.isPrimary()).isFalse();
    assertThat(dr.capacityFactor()).isEqualTo(0.3);
    assertThat(dr.autoscaling()).isFalse();
  }

  @Test
  void theStandbyHasNoHpaAndAboutThirtyPercentOfThePrimarysMinimum() {
    assertThat(all(dr, HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(all(production, HorizontalPodAutoscaler.class))
        .extracting(h -> h.getMetadata().getName())
        .containsExactlyInAnyOrder("treum-api", "treum-reporting", "treum-signal-processor");

    for (Deployment deployment : all(production, Deployment.class)) {
      String name = deployment.getMetadata().getName();
      int primaryMinimum =
          named(production, HorizontalPodAutoscaler.class, name)
              .map(h -> h.getSpec().getMinReplicas())
              .orElse(deployment.getSpec().getReplicas());
      int standby = named(dr, Deployment.class, name).orElseThrow().getSpec().getReplicas();
      if (name.equals("treum-signal-processor")) {
        // primary only: kept at zero in the standby for failover
        assertThat(standby).isZero();
      } else {
        assertThat(standby).as(name).isEqualTo(Math.max(1, (int) Math.round(0.3 * primaryMinimum)));
      }
    }
    assertThat(named(dr, Deployment.class, "treum-api").orElseThrow().getSpec().getReplicas())
        .isEqualTo(2);
  }

  @Test
  void theApiScalesAsTheArchitectureSays() {
    HorizontalPodAutoscaler hpa =
        named(production, HorizontalPodAutoscaler.class, "treum-api").orElseThrow();
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(5);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(100);
    assertThat(hpa.getSpec().getMetrics())
        .extracting(
            m ->
                switch (m.getType()) {
                  case "ContainerResource" ->
                      m.getContainerResource().getName()
                          + " "
                          + m.getContainerResource().getTarget().getAverageUtilization();
                  case "Pods" ->
                      m.getPods().getMetric().getName()
                          + " "
                          + m.getPods().getTarget().getAverageValue();
                  default -> m.getType();
                })
        .containsExactly("cpu 70", "memory 80", "http_requests_per_second 1000");
    var behavior = hpa.getSpec().getBehavior();
    assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isEqualTo(60);
    assertThat(behavior.getScaleUp().getPolicies().get(0).getValue()).isEqualTo(100);
    assertThat(behavior.getScaleUp().getPolicies().get(0).getPeriodSeconds()).isEqualTo(15);
    assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
    assertThat(behavior.getScaleDown().getPolicies().get(0).getValue()).isEqualTo(50);
    assertThat(behavior.getScaleDown().getPolicies().get(0).getPeriodSeconds()).isEqualTo(60);
  }

  @Test
  void theStandbyIsReadOnlyOnReadReplicas() {
    podSpecs(objects(dr))
        .flatMap(pod -> pod.getContainers().stream())
        .map(TreumPlatformTest::env)
        .forEach(
            values -> {
              if (values.containsKey("READ_ONLY")) {
                assertThat(values.get("READ_ONLY")).isEqualTo("true");
              }
              if (values.containsKey("DATABASE_ENDPOINT")) {
                assertThat(values.get("DATABASE_ENDPOINT"))
                    .contains("cluster-ro-")
                    .endsWith(".ap-southeast-1.rds.amazonaws.com");
              }
            });
    Container reporting = mainContainer(production, "treum-reporting");
    assertThat(env(reporting).get("DATABASE_ENDPOINT")).contains("cluster-ro-");
    assertThat(
            named(dr, CronJob.class, "treum-batch-processor").orElseThrow().getSpec().getSuspend())
        .isTrue();
    assertThat(named(dr, CronJob.class, "treum-backup")).isPresent();
    assertThat(named(production, CronJob.class, "treum-backup")).isEmpty();
  }

  @Test
  void imagesComeFromTheRegionsEcrOrAreTheWaivedAutoscaler() {
    for (Environment env : platform.environments()) {
      podSpecs(objects(env))
          .flatMap(pod -> pod.getContainers().stream())
          .forEach(
              c -> {
                if (c.getName().equals(ClusterAutoscaler.NAME)) {
                  assertThat(c.getImage()).isEqualTo(ClusterAutoscaler.IMAGE);
                } else {
                  assertThat(c.getImage())
                      .startsWith("111122223333.dkr.ecr." + env.region() + ".amazonaws.com/");
                }
              });
    }
  }

  @Test
  void theMlServiceRunsOnGpuNodesSizedByItsVpa() {
    Deployment ml = named(production, Deployment.class, "treum-ml-service").orElseThrow();
    PodSpec pod = ml.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("ml-container");
    assertThat(pod.getNodeSelector()).containsEntry(NodeGroup.LABEL, NodeGroup.ML.name());
    assertThat(pod.getTolerations()).anyMatch(t -> t.getKey().equals("nvidia.com/gpu"));
    assertThat(pod.getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));

    VerticalPodAutoscaler vpa =
        named(production, VerticalPodAutoscaler.class, "treum-ml-service").orElseThrow();
    assertThat(vpa.getSpec().getUpdatePolicy().getUpdateMode()).isEqualTo("Auto");
    var policy = vpa.getSpec().getResourcePolicy().getContainerPolicies().get(0);
    assertThat(policy.getContainerName()).isEqualTo("ml-container");
    assertThat(policy.getMinAllowed())
        .isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("512Mi")));
    assertThat(policy.getMaxAllowed())
        .isEqualTo(Map.of("cpu", new Quantity("7500m"), "memory", new Quantity("16Gi")));
  }

  @Test
  void everyPodSelectsADeclaredNodeGroupAndToleratesItsTaint() {
    for (Environment env : platform.environments()) {
      podSpecs(objects(env))
          .forEach(
              pod -> {
                String group = pod.getNodeSelector().get(NodeGroup.LABEL);
                NodeGroup nodeGroup =
                    NodeGroup.ALL.stream()
                        .filter(g -> g.name().equals(group))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no node group " + group));
                assertThat(env.policyParameters().get("nodeGroups"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKey(group);
                assertThat(pod.getNodeSelector())
                    .containsEntry("eks.amazonaws.com/capacityType", nodeGroup.capacityType());
                if (nodeGroup.taint() != null) {
                  String key = nodeGroup.taint().substring(0, nodeGroup.taint().indexOf('='));
                  assertThat(pod.getTolerations()).anyMatch(t -> key.equals(t.getKey()));
                }
              });
    }
  }

  @Test
  void productionSyncsAutomaticallyAndTheStandbyByHand() {
    ArgoCd argoCd = platform.argoCd().orElseThrow();
    assertThat(argoCd.syncPolicy(production))
        .isEqualTo(ArgoCd.SyncPolicy.automated().withPrune().withSelfHeal());
    assertThat(argoCd.syncPolicy(dr)).isEqualTo(ArgoCd.SyncPolicy.manual());
    assertThat(argoCd.destination(production).name()).isEqualTo("treum-prod-ap-south-1");
    assertThat(argoCd.destination(dr).name()).isEqualTo("treum-dr-ap-southeast-1");
    assertThat(argoCd.overlayPath(dr)).isEqualTo("overlays/dr");
  }

  @Test
  void theClusterAutoscalerRunsWithTheDocumentsFlags() {
    for (Environment env : platform.environments()) {
      Container container = mainContainer(env, ClusterAutoscaler.NAME);
      assertThat(container.getCommand())
          .contains(
              "--expander=least-waste",
              "--balance-similar-node-groups",
              "--scale-down-delay-after-add=10m",
              "--scale-down-unneeded-time=10m",
              "--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,"
                  + "k8s.io/cluster-autoscaler/"
                  + env.cluster());
    }
  }
}
