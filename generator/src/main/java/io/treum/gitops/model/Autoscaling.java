package io.treum.gitops.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Horizontal autoscaling of a workload, rendered as an {@code autoscaling/v2}
 * HorizontalPodAutoscaler with scaling behaviour.
 */
public final class Autoscaling {
  private final int minReplicas;
  private final int maxReplicas;
  private final List<MetricSpec> metrics = new ArrayList<>();

  private Integer scaleUpWindowSeconds;
  private Integer scaleUpPercent;
  private Integer scaleUpPeriodSeconds;
  private Integer scaleDownWindowSeconds;
  private Integer scaleDownPercent;
  private Integer scaleDownPeriodSeconds;

  private Autoscaling(int minReplicas, int maxReplicas) {
    if (minReplicas < 1 || maxReplicas < minReplicas) {
      throw new DefinitionException(
          "autoscaling between " + minReplicas + " and " + maxReplicas + ": need 1 <= min <= max");
    }
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
  }

  /** Scales between {@code min} and {@code max} replicas. */
  public static Autoscaling between(int min, int max) {
    return new Autoscaling(min, max);
  }

  public int minReplicas() {
    return minReplicas;
  }

  public int maxReplicas() {
    return maxReplicas;
  }

  /** Target average CPU utilisation (percent of requests). */
  public Autoscaling cpuUtilization(int percent) {
    return resource("cpu", percent);
  }

  /** Target average memory utilisation (percent of requests). */
  public Autoscaling memoryUtilization(int percent) {
    return resource("memory", percent);
  }

  /**
   * Target average CPU utilisation of the workload's main container alone (a {@code
   * ContainerResource} metric): sidecars such as Istio's proxy neither hide nor inflate its load.
   */
  public Autoscaling containerCpuUtilization(int percent) {
    return containerResource("cpu", percent);
  }

  /** Target average memory utilisation of the workload's main container alone. */
  public Autoscaling containerMemoryUtilization(int percent) {
    return containerResource("memory", percent);
  }

  private Autoscaling containerResource(String name, int percent) {
    // No container yet: it is the workload's main container, named when the HPA is built.
    metrics.add(
        new MetricSpecBuilder()
            .withType("ContainerResource")
            .withNewContainerResource()
            .withName(name)
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(requirePercent(name, percent))
            .endTarget()
            .endContainerResource()
            .build());
    return this;
  }

  private static int requirePercent(String resource, int percent) {
    if (percent < 1) {
      throw new DefinitionException(
          resource + " utilisation target " + percent + "% must be at least 1%");
    }
    return percent;
  }

  private Autoscaling resource(String name, int percent) {
    metrics.add(
        new MetricSpecBuilder()
            .withType("Resource")
            .withNewResource()
            .withName(name)
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(requirePercent(name, percent))
            .endTarget()
            .endResource()
            .build());
    return this;
  }

  /** Target average value of a per-pod custom metric, e.g. requests per second. */
  public Autoscaling podsMetric(String metric, String averageValue) {
    metrics.add(
        new MetricSpecBuilder()
            .withType("Pods")
            .withNewPods()
            .withNewMetric()
            .withName(metric)
            .endMetric()
            .withNewTarget()
            .withType("AverageValue")
            .withAverageValue(new Quantity(averageValue))
            .endTarget()
            .endPods()
            .build());
    return this;
  }

  /** Scale up after a stabilisation window, by at most {@code percent} per period. */
  public Autoscaling scaleUp(int windowSeconds, int percent, int periodSeconds) {
    this.scaleUpWindowSeconds = windowSeconds;
    this.scaleUpPercent = percent;
    this.scaleUpPeriodSeconds = periodSeconds;
    return this;
  }

  /** Scale down after a stabilisation window, by at most {@code percent} per period. */
  public Autoscaling scaleDown(int windowSeconds, int percent, int periodSeconds) {
    this.scaleDownWindowSeconds = windowSeconds;
    this.scaleDownPercent = percent;
    this.scaleDownPeriodSeconds = periodSeconds;
    return this;
  }

  /**
   * The HPA for a workload.
   *
   * @param mainContainer the workload's main container, which container metrics measure
   */
  HorizontalPodAutoscaler toHpa(
      String name,
      String namespace,
      Map<String, String> labels,
      String targetKind,
      String mainContainer) {
    List<MetricSpec> specs = new ArrayList<>();
    for (MetricSpec metric : metrics) {
      specs.add(
          metric.getContainerResource() == null
              ? metric
              : new MetricSpecBuilder(metric)
                  .editContainerResource()
                  .withContainer(mainContainer)
                  .endContainerResource()
                  .build());
    }
    HorizontalPodAutoscalerBuilder hpa =
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind(targetKind)
            .withName(name)
            .endScaleTargetRef()
            .withMinReplicas(minReplicas)
            .withMaxReplicas(maxReplicas)
            .withMetrics(specs)
            .endSpec();
    if (scaleUpWindowSeconds != null || scaleDownWindowSeconds != null) {
      var behavior = hpa.editSpec().withNewBehavior();
      if (scaleUpWindowSeconds != null) {
        behavior.withScaleUp(
            rules(scaleUpWindowSeconds, scaleUpPercent, scaleUpPeriodSeconds).build());
      }
      if (scaleDownWindowSeconds != null) {
        behavior.withScaleDown(
            rules(scaleDownWindowSeconds, scaleDownPercent, scaleDownPeriodSeconds).build());
      }
      hpa = behavior.endBehavior().endSpec();
    }
    return hpa.build();
  }

  private static HPAScalingRulesBuilder rules(int window, int percent, int period) {
    return new HPAScalingRulesBuilder()
        .withStabilizationWindowSeconds(window)
        .addNewPolicy()
        .withType("Percent")
        .withValue(percent)
        .withPeriodSeconds(period)
        .endPolicy();
  }
}
