package io.treum.platform;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.SecurityContexts;
import io.treum.gitops.model.Workload;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes cluster autoscaler in {@code kube-system}: it grows and shrinks the node groups,
 * which it finds by their Auto Scaling groups' tags, and talks to AWS through its IRSA role.
 * Upstream's image (registry.k8s.io) is not mirrored to ECR; {@code treum-waivers.yaml} waives
 * TREUM-IMG-001 for it, with an owner and an expiry.
 */
final class ClusterAutoscaler {
  static final String NAME = "cluster-autoscaler";
  static final String NAMESPACE = "kube-system";

  /** Upstream's release for Kubernetes 1.28, the clusters' version. */
  static final String IMAGE = "registry.k8s.io/autoscaling/cluster-autoscaler:v1.28.0";

  private static final int METRICS_PORT = 8085;

  private ClusterAutoscaler() {}

  /** The Auto Scaling group tags that mark the cluster's node groups for the autoscaler. */
  static List<String> discoveryTags(Environment env) {
    return List.of(
        "k8s.io/cluster-autoscaler/enabled", "k8s.io/cluster-autoscaler/" + env.cluster());
  }

  static Workload workload(Environment env) {
    Map<String, String> labels = Owner.INFRASTRUCTURE.labels(NAME);
    return Workload.of(
        NAME,
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .addToAnnotations("eks.amazonaws.com/role-arn", TreumPlatform.iamRole(NAME, env))
            .endMetadata()
            .withAutomountServiceAccountToken(true)
            .build(),
        new ClusterRoleBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withLabels(labels)
            .endMetadata()
            .withRules(clusterRules())
            .build(),
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NAME)
            .withSubjects(serviceAccount())
            .build(),
        new RoleBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withRules(
                rule("", List.of("configmaps"), List.of(), "create", "list", "watch"),
                rule(
                    "",
                    List.of("configmaps"),
                    List.of("cluster-autoscaler-status", "cluster-autoscaler-priority-expander"),
                    "delete",
                    "get",
                    "update",
                    "watch"))
            .build(),
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", NAME)
            .withSubjects(serviceAccount())
            .build(),
        deployment(env, labels));
  }

  private static Subject serviceAccount() {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName(NAME)
        .withNamespace(NAMESPACE)
        .build();
  }

  private static List<PolicyRule> clusterRules() {
    return List.of(
        rule("", List.of("events", "endpoints"), List.of(), "create", "patch"),
        rule("", List.of("pods/eviction"), List.of(), "create"),
        rule("", List.of("pods/status"), List.of(), "update"),
        rule("", List.of("endpoints"), List.of(NAME), "get", "update"),
        rule("", List.of("nodes"), List.of(), "watch", "list", "get", "update"),
        rule(
            "",
            List.of(
                "namespaces",
                "pods",
                "services",
                "replicationcontrollers",
                "persistentvolumeclaims",
                "persistentvolumes"),
            List.of(),
            "watch",
            "list",
            "get"),
        rule("policy", List.of("poddisruptionbudgets"), List.of(), "watch", "list"),
        rule(
            "apps",
            List.of("statefulsets", "replicasets", "daemonsets"),
            List.of(),
            "watch",
            "list",
            "get"),
        rule(
            "storage.k8s.io",
            List.of("storageclasses", "csinodes", "csidrivers", "csistoragecapacities"),
            List.of(),
            "watch",
            "list",
            "get"),
        rule("batch", List.of("jobs", "cronjobs"), List.of(), "watch", "list", "get", "patch"),
        rule("coordination.k8s.io", List.of("leases"), List.of(), "create"),
        rule("coordination.k8s.io", List.of("leases"), List.of(NAME), "get", "update"));
  }

  private static PolicyRule rule(
      String group, List<String> resources, List<String> names, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resources)
        .withResourceNames(names)
        .withVerbs(verbs)
        .build();
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(
      Environment env, Map<String, String> labels) {
    List<String> command =
        List.of(
            "./cluster-autoscaler",
            "--cloud-provider=aws",
            "--namespace=" + NAMESPACE,
            "--node-group-auto-discovery=asg:tag=" + String.join(",", discoveryTags(env)),
            "--expander=least-waste",
            "--balance-similar-node-groups",
            "--scale-down-delay-after-add=10m",
            "--scale-down-unneeded-time=10m");
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NAMESPACE)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        // One active autoscaler per cluster; it elects a leader anyway.
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(Map.of("app.kubernetes.io/name", NAME))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        // It must not evict itself when it scales its own node down.
        .addToAnnotations("cluster-autoscaler.kubernetes.io/safe-to-evict", "false")
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(NAME)
        .withPriorityClassName("system-cluster-critical")
        .withNodeSelector(
            Map.of(
                NodeGroup.LABEL,
                NodeGroup.SYSTEM.name(),
                "eks.amazonaws.com/capacityType",
                "ON_DEMAND"))
        .addNewToleration()
        .withKey("CriticalAddonsOnly")
        .withOperator("Exists")
        .endToleration()
        // upstream's image runs as nobody
        .withSecurityContext(
            new PodSecurityContextBuilder(SecurityContexts.pod())
                .withRunAsUser(65534L)
                .withRunAsGroup(65534L)
                .withFsGroup(65534L)
                .build())
        .withContainers(
            new ContainerBuilder()
                .withName(NAME)
                .withImage(IMAGE)
                .withCommand(command)
                .addNewEnv()
                .withName("AWS_REGION")
                .withValue(env.region())
                .endEnv()
                .addNewPort()
                .withName("http-metrics")
                .withContainerPort(METRICS_PORT)
                .endPort()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/health-check")
                .withPort(new IntOrString(METRICS_PORT))
                .endHttpGet()
                .withPeriodSeconds(10)
                .endReadinessProbe()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPath("/health-check")
                .withPort(new IntOrString(METRICS_PORT))
                .endHttpGet()
                .withInitialDelaySeconds(15)
                .withPeriodSeconds(10)
                .endLivenessProbe()
                .withNewResources()
                .withRequests(
                    Map.of(
                        "cpu", new Quantity("100m"),
                        "memory", new Quantity("600Mi"),
                        "ephemeral-storage", new Quantity("100Mi")))
                .withLimits(Map.of("memory", new Quantity("600Mi")))
                .endResources()
                .withSecurityContext(SecurityContexts.container())
                .build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
