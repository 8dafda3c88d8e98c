package io.treum.platform;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Istio mesh: the {@code IstioOperator} {@code treum-mesh} (control plane on the system nodes,
 * the ingress gateway on the application nodes behind an AWS Network Load Balancer with cross-zone
 * load balancing) and mesh-wide strict mutual TLS. In the primary istiod and the gateway autoscale;
 * the standby runs them at a fixed size, like every other workload there.
 */
final class ServiceMesh {
  static final String NAME = "treum-mesh";
  static final String NAMESPACE = "istio-system";

  private ServiceMesh() {}

  static Workload workload(Environment env) {
    return Workload.of("mesh", istioOperator(env), strictMutualTls());
  }

  private static HasMetadata istioOperator(Environment env) {
    Map<String, Object> serviceAnnotations = new LinkedHashMap<>();
    serviceAnnotations.put("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
    serviceAnnotations.put(
        "service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing");
    serviceAnnotations.put(
        "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled", "true");

    Map<String, Object> gatewayK8s = new LinkedHashMap<>();
    gatewayK8s.put("serviceAnnotations", serviceAnnotations);
    gatewayK8s.put(
        "nodeSelector",
        Map.of(
            NodeGroup.LABEL,
            NodeGroup.APPLICATION.name(),
            "eks.amazonaws.com/capacityType",
            "ON_DEMAND"));
    gatewayK8s.put(
        "resources",
        Map.of(
            "requests", Map.of("cpu", "500m", "memory", "512Mi"),
            "limits", Map.of("memory", "1Gi")));
    // The standby serves read traffic: at least two gateways, spread over zones by the scheduler.
    scaling(env, gatewayK8s, 3, 20, Math.max(2, env.scale(3)));

    Map<String, Object> pilotK8s = new LinkedHashMap<>();
    pilotK8s.put(
        "nodeSelector",
        Map.of(
            NodeGroup.LABEL,
            NodeGroup.SYSTEM.name(),
            "eks.amazonaws.com/capacityType",
            "ON_DEMAND"));
    pilotK8s.put("tolerations", List.of(Map.of("key", "CriticalAddonsOnly", "operator", "Exists")));
    scaling(env, pilotK8s, 3, 6, Math.max(2, env.scale(3)));

    Map<String, Object> gateway = new LinkedHashMap<>();
    gateway.put("name", "istio-ingressgateway");
    gateway.put("enabled", true);
    gateway.put("k8s", gatewayK8s);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("profile", "default");
    spec.put(
        "meshConfig",
        Map.of(
            "accessLogFile",
            "/dev/stdout",
            "enableAutoMtls",
            true,
            // Applications start after their sidecar, so their first requests do not fail.
            "defaultConfig",
            Map.of("holdApplicationUntilProxyStarts", true)));
    spec.put(
        "components",
        Map.of("pilot", Map.of("k8s", pilotK8s), "ingressGateways", List.of(gateway)));
    spec.put(
        "values",
        Map.of(
            "pilot",
            Map.of("autoscaleEnabled", env.autoscaling()),
            "gateways",
            Map.of("istio-ingressgateway", Map.of("autoscaleEnabled", env.autoscaling()))));

    return new GenericKubernetesResourceBuilder()
        .withApiVersion("install.istio.io/v1alpha1")
        .withKind("IstioOperator")
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NAMESPACE)
        .withLabels(Owner.INFRASTRUCTURE.labels(NAME))
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  /** An HPA between min and max where the environment autoscales, else a fixed replica count. */
  private static void scaling(
      Environment env, Map<String, Object> k8s, int min, int max, int fixedReplicas) {
    if (env.autoscaling()) {
      k8s.put("hpaSpec", Map.of("minReplicas", min, "maxReplicas", max));
    } else {
      k8s.put("replicaCount", fixedReplicas);
    }
  }

  /** Mesh-wide STRICT mutual TLS: the root namespace's default PeerAuthentication. */
  private static HasMetadata strictMutualTls() {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("security.istio.io/v1")
        .withKind("PeerAuthentication")
        .withNewMetadata()
        .withName("default")
        .withNamespace(NAMESPACE)
        .withLabels(Owner.INFRASTRUCTURE.labels(NAME))
        .endMetadata()
        .addToAdditionalProperties("spec", Map.of("mtls", Map.of("mode", "STRICT")))
        .build();
  }
}
