package io.treum.gitops.render.golden;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom resources: Kustomize knows no schema for them, so a list that differs (even a list of maps
 * with {@code name} keys) is replaced wholesale, while nested maps merge field by field.
 */
public class CustomResourceListsDefinition implements Definition {
  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.STAGING, Environments.DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    List<Map<String, Object>> endpoints =
        env.isPrimary()
            ? List.of(
                Map.of("port", "http", "interval", "30s"),
                Map.of("port", "metrics", "interval", "30s", "path", "/metrics"))
            : List.of(Map.of("port", "http", "interval", "60s"));
    Map<String, Object> gateway = new LinkedHashMap<>();
    gateway.put("name", "ingress");
    gateway.put("enabled", true);
    gateway.put("replicas", env.isPrimary() ? 3 : 1);
    List<Map<String, Object>> gateways =
        env.autoscaling()
            ? List.of(gateway, Map.of("name", "egress", "enabled", true))
            : List.of(gateway);
    return List.of(
        Workload.of(
            "monitoring",
            new GenericKubernetesResourceBuilder()
                .withApiVersion("monitoring.coreos.com/v1")
                .withKind("ServiceMonitor")
                .withNewMetadata()
                .withName("storefront")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "selector",
                        Map.of(
                            "matchLabels",
                            Map.of("app.kubernetes.io/name", "storefront", "tier", "web")),
                        "endpoints",
                        endpoints))
                .build()),
        Workload.of(
            "mesh",
            new GenericKubernetesResourceBuilder()
                .withApiVersion("install.istio.io/v1alpha1")
                .withKind("IstioOperator")
                .withNewMetadata()
                .withName("shop-mesh")
                .withNamespace("istio-system")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "profile",
                        env.isPrimary() ? "default" : "minimal",
                        "components",
                        Map.of("gateways", gateways)))
                .build()));
  }
}
