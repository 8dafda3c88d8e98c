package io.treum.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node groups, capacity type, host spread and container metrics of the constructs. */
class PlacementAndScalingTest {

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matches = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matches).hasSize(1);
    return matches.get(0);
  }

  private static PodSpec podSpec(Workload workload) {
    return only(workload.resources(), Deployment.class).getSpec().getTemplate().getSpec();
  }

  @Test
  void nodeGroupAndOnDemandSelectNodeLabels() {
    WebService web =
        WebService.named("api").image("r.example.com/api:1.0.0").nodeGroup("apps").onDemand();
    assertThat(podSpec(web).getNodeSelector())
        .isEqualTo(
            Map.of(
                "treum.io/node-group", "apps",
                "eks.amazonaws.com/capacityType", "ON_DEMAND"));
  }

  @Test
  void aNodeGroupMustBeALabelValue() {
    assertThatThrownBy(() -> Worker.named("w").nodeGroup("ml nodes"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'ml nodes'");
  }

  @Test
  void anMlServiceCanMoveToAnotherNodeGroup() {
    MlService ml = MlService.named("ml").image("r.example.com/ml:1.0.0");
    assertThat(podSpec(ml).getNodeSelector()).containsEntry("treum.io/node-group", "ml-nodes");
    assertThat(podSpec(ml.nodeGroup("gpu")).getNodeSelector())
        .containsEntry("treum.io/node-group", "gpu");
  }

  @Test
  void aBatchJobOnDemandLeavesSpot() {
    BatchJob job =
        BatchJob.named("nightly").image("r.example.com/job:1.0.0").schedule("0 2 * * *").onDemand();
    CronJob cronJob = only(job.resources(), CronJob.class);
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector()).containsEntry("eks.amazonaws.com/capacityType", "ON_DEMAND");
    assertThat(pod.getTolerations()).isEmpty();
  }

  @Test
  void spreadOverNodesAddsAHostnameConstraintToReplicatedPodsOnly() {
    WebService replicated =
        WebService.named("api").image("r.example.com/api:1.0.0").replicas(3).spreadOverNodes();
    assertThat(podSpec(replicated).getTopologySpreadConstraints())
        .extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(podSpec(replicated).getTopologySpreadConstraints().get(1).getWhenUnsatisfiable())
        .isEqualTo("ScheduleAnyway");

    WebService single =
        WebService.named("api").image("r.example.com/api:1.0.0").replicas(1).spreadOverNodes();
    assertThat(podSpec(single).getTopologySpreadConstraints()).isEmpty();

    WebService zonesOnly = WebService.named("api").image("r.example.com/api:1.0.0").replicas(3);
    assertThat(podSpec(zonesOnly).getTopologySpreadConstraints())
        .extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactly("topology.kubernetes.io/zone");
  }

  @Test
  void containerMetricsMeasureTheMainContainer() {
    WebService web =
        WebService.named("api")
            .containerName("app")
            .image("r.example.com/api:1.0.0")
            .autoscaling(
                Autoscaling.between(3, 10)
                    .containerCpuUtilization(70)
                    .memoryUtilization(80)
                    .containerMemoryUtilization(75));
    List<MetricSpec> metrics =
        only(web.resources(), HorizontalPodAutoscaler.class).getSpec().getMetrics();

    assertThat(metrics)
        .extracting(MetricSpec::getType)
        .containsExactly("ContainerResource", "Resource", "ContainerResource");
    assertThat(metrics.get(0).getContainerResource().getContainer()).isEqualTo("app");
    assertThat(metrics.get(0).getContainerResource().getName()).isEqualTo("cpu");
    assertThat(metrics.get(0).getContainerResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
    assertThat(metrics.get(2).getContainerResource().getName()).isEqualTo("memory");
    assertThat(metrics.get(2).getContainerResource().getContainer()).isEqualTo("app");
  }

  @Test
  void aUtilisationTargetIsAtLeastOnePercent() {
    assertThatThrownBy(() -> Autoscaling.between(1, 2).containerCpuUtilization(0))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("cpu utilisation target 0%");
    assertThatThrownBy(() -> Autoscaling.between(1, 2).memoryUtilization(-5))
        .isInstanceOf(DefinitionException.class);
  }
}
