package io.treum.gitops.render.golden;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.treum.gitops.model.ArgoCd;
import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Worker;
import io.treum.gitops.model.Workload;
import java.util.List;
import java.util.Optional;

/**
 * Argo CD settings: the tree lives in {@code deploy/} of its repository; production syncs
 * automatically with prune and self-heal into the cluster Argo CD knows by name, staging
 * automatically without either into a cluster given by API server URL, DR only manually. The
 * project allows each destination the namespaces its objects use (a worker in its own namespace in
 * production) and the kinds of the cluster-scoped objects (Namespace, ClusterRole).
 */
public class ArgoCdApplicationsDefinition implements Definition {
  static final String STAGING_SERVER = "https://staging.eks.example.com";

  @Override
  public List<Environment> environments() {
    return List.of(Environments.PRODUCTION, Environments.STAGING, Environments.DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    Workload web =
        WebService.named("storefront")
            .image(env.image("storefront", "3.1.0"))
            .team("shop")
            .requests("250m", "256Mi")
            .readinessPath("/ready")
            .autoscaling(env.autoscaling() ? Autoscaling.between(3, 12).cpuUtilization(70) : null)
            .replicas(env.scale(3));
    Workload cluster =
        Workload.of(
            "cluster",
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("shop")
                .addToLabels("istio-injection", "enabled")
                .endMetadata()
                .build(),
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("shop-reader")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("get", "list")
                .endRule()
                .build());
    if (!env.isPrimary() || !env.autoscaling()) {
      return List.of(web, cluster);
    }
    Workload indexer =
        Worker.named("search-indexer")
            .namespace("shop-jobs")
            .image(env.image("search-indexer", "1.2.0"))
            .team("shop")
            .requests("100m", "128Mi")
            .replicas(1);
    return List.of(web, cluster, indexer);
  }

  @Override
  public Optional<ArgoCd> argoCd() {
    return Optional.of(
        ArgoCd.repository("https://github.com/acme/shop-config.git")
            .branch("release")
            .project("shop")
            .path("deploy")
            .destination(
                env ->
                    env.name().equals("staging")
                        ? ArgoCd.Destination.server(STAGING_SERVER)
                        : ArgoCd.Destination.cluster(env.cluster()))
            .syncPolicy(
                env ->
                    switch (env.name()) {
                      case "production" -> ArgoCd.SyncPolicy.automated().withPrune().withSelfHeal();
                      case "staging" -> ArgoCd.SyncPolicy.automated();
                      default -> ArgoCd.SyncPolicy.manual();
                    })
            .build());
  }
}
