package io.treum.platform;

import io.treum.gitops.model.ArgoCd;
import io.treum.gitops.model.Autoscaling;
import io.treum.gitops.model.BatchJob;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.MlService;
import io.treum.gitops.model.PodWorkload;
import io.treum.gitops.model.WebService;
import io.treum.gitops.model.Worker;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TREUM's own platform, from its architecture document: the primary region in Mumbai ({@code
 * ap-south-1}: all writes, real-time signal processing, 80% of the traffic) and a hot standby in
 * Singapore ({@code ap-southeast-1}) at 30% of the primary's capacity, with horizontal autoscaling
 * off, read-only services on the database's read replicas, reporting and backup processing.
 *
 * <p>Every difference between the two is Java below ({@code env.isPrimary()}, {@code
 * env.autoscaling()}, {@code env.scale(n)}, the environments' parameters), checked by the compiler;
 * treum renders the result into the repository's {@code base/}, {@code overlays/} and {@code
 * argocd/}, and the build gates it with TREUM's policies.
 */
public final class TreumPlatform implements Definition {
  /** The AWS account that owns the platform's ECR registries and IAM roles. */
  static final String ACCOUNT = "111122223333";

  /** The repository Argo CD deploys from: this one, whose root holds the rendered tree. */
  static final String REPOSITORY = "https://github.com/treum/treum.git";

  /** The services' release. */
  static final String VERSION = "1.0.0";

  static final Environment PRODUCTION =
      withNodeGroups(Environment.named("production"))
          .region("ap-south-1")
          .cluster("treum-prod-ap-south-1")
          .primary()
          .registry(ACCOUNT + ".dkr.ecr.ap-south-1.amazonaws.com")
          .namespace(Namespaces.SERVICES)
          .label("treum.io/environment", "production")
          .label("treum.io/region", "ap-south-1")
          .parameter("DATABASE_ENDPOINT", "treum-primary.cluster-abc.ap-south-1.rds.amazonaws.com")
          .parameter(
              "READ_REPLICA_ENDPOINT", "treum-primary.cluster-ro-abc.ap-south-1.rds.amazonaws.com")
          .parameter("BACKUP_BUCKET", "treum-backups-ap-south-1")
          .build();

  static final Environment DR =
      withNodeGroups(Environment.named("dr"))
          .region("ap-southeast-1")
          .cluster("treum-dr-ap-southeast-1")
          .standbyOf("production")
          .capacityFactor(0.3)
          .autoscaling(false)
          .registry(ACCOUNT + ".dkr.ecr.ap-southeast-1.amazonaws.com")
          .namespace(Namespaces.SERVICES)
          .label("treum.io/environment", "dr")
          .label("treum.io/region", "ap-southeast-1")
          // No writer here: the standby's services read the cross-region replica.
          .parameter(
              "DATABASE_ENDPOINT", "treum-replica.cluster-ro-abc.ap-southeast-1.rds.amazonaws.com")
          .parameter(
              "READ_REPLICA_ENDPOINT",
              "treum-replica.cluster-ro-abc.ap-southeast-1.rds.amazonaws.com")
          .parameter("BACKUP_BUCKET", "treum-backups-ap-southeast-1")
          .build();

  @Override
  public List<Environment> environments() {
    return List.of(PRODUCTION, DR);
  }

  @Override
  public List<Workload> workloads(Environment env) {
    List<Workload> workloads = new ArrayList<>();
    workloads.add(Namespaces.workload());
    workloads.add(ClusterConfig.workload(env));
    workloads.add(ClusterAutoscaler.workload(env));
    workloads.add(ServiceMesh.workload(env));
    workloads.add(treumApi(env));
    workloads.add(signalProcessor(env));
    workloads.add(reporting(env));
    workloads.add(mlService(env));
    workloads.add(batchProcessor(env));
    if (!env.isPrimary()) {
      workloads.add(backup(env));
    }
    return workloads;
  }

  /** Production syncs every commit, pruning and self-healing; the standby is synced by hand. */
  @Override
  public Optional<ArgoCd> argoCd() {
    return Optional.of(
        ArgoCd.repository(REPOSITORY)
            .branch("main")
            .project("treum")
            .syncPolicy(
                env ->
                    env.isPrimary()
                        ? ArgoCd.SyncPolicy.automated().withPrune().withSelfHeal()
                        : ArgoCd.SyncPolicy.manual())
            .build());
  }

  /** The public API: autoscaled in the primary, a fixed 30% of its minimum in the standby. */
  static WebService treumApi(Environment env) {
    return service(WebService.named("treum-api"), Owner.CORE, env)
        .image(env.image("treum-service", VERSION))
        .requests("500m", "1Gi")
        .limits(null, "2Gi")
        .ephemeralStorage("1Gi")
        .env("DATABASE_ENDPOINT", env.parameter("DATABASE_ENDPOINT"))
        .env("READ_ONLY", readOnly(env))
        .autoscaling(
            env.autoscaling()
                ? Autoscaling.between(5, 100)
                    // The application container's own load, not its Istio sidecar's.
                    .containerCpuUtilization(70)
                    .containerMemoryUtilization(80)
                    .podsMetric("http_requests_per_second", "1000")
                    .scaleUp(60, 100, 15)
                    .scaleDown(300, 50, 60)
                : null)
        .replicas(env.scale(5));
  }

  /**
   * Real-time signal processing runs in the primary only. The standby keeps the Deployment at zero
   * replicas, so that a failover scales it up instead of deploying it (TREUM-REL-003 wants every
   * primary workload in the standby; treum-waivers.yaml records why REL-002's 30% does not apply).
   */
  static Worker signalProcessor(Environment env) {
    // A worker: its port serves only the probes (and metrics).
    return service(Worker.named("treum-signal-processor").containerPort(8080), Owner.CORE, env)
        .image(env.image("treum-signal-processor", VERSION))
        .requests("1", "2Gi")
        .limits(null, "4Gi")
        .ephemeralStorage("1Gi")
        .env("DATABASE_ENDPOINT", env.parameter("DATABASE_ENDPOINT"))
        .env("READ_ONLY", readOnly(env))
        .autoscaling(
            env.autoscaling()
                ? Autoscaling.between(3, 30)
                    .containerCpuUtilization(70)
                    .scaleUp(60, 100, 15)
                    .scaleDown(300, 50, 60)
                : null)
        .replicas(env.isPrimary() ? 3 : 0);
  }

  /** Reporting reads the database's read replicas, in both regions. */
  static WebService reporting(Environment env) {
    return service(WebService.named("treum-reporting"), Owner.REPORTING, env)
        .image(env.image("treum-reporting", VERSION))
        .requests("500m", "1Gi")
        .limits(null, "2Gi")
        .ephemeralStorage("1Gi")
        .env("DATABASE_ENDPOINT", env.parameter("READ_REPLICA_ENDPOINT"))
        .env("READ_ONLY", "true")
        .autoscaling(
            env.autoscaling()
                ? Autoscaling.between(3, 20)
                    .containerCpuUtilization(70)
                    .containerMemoryUtilization(80)
                : null)
        .replicas(env.scale(3));
  }

  /**
   * The ML service on the GPU node group, sized by its VPA. maxAllowed CPU is 7500m, not the
   * architecture document's 8 CPUs: the largest ML node (p3.2xlarge) has 8 vCPUs but 7910m
   * allocatable, and the pod's Istio sidecar needs room too; TREUM-VPA-003 denies 8.
   */
  static MlService mlService(Environment env) {
    return service(MlService.named("treum-ml-service"), Owner.ML, env)
        // MlService's own node group: ml-nodes, with the GPU taint tolerated.
        .nodeGroup(NodeGroup.ML.name())
        .namespace(Namespaces.ML)
        .containerName("ml-container")
        .image(env.image("treum-ml-service", VERSION))
        .requests("2", "8Gi")
        .limits(null, "16Gi")
        .ephemeralStorage("10Gi")
        .env("READ_ONLY", readOnly(env))
        .updateMode("Auto")
        .minAllowed("100m", "512Mi")
        .maxAllowed("7500m", "16Gi")
        .replicas(env.scale(3));
  }

  /**
   * End-of-day batch processing on spot capacity. It writes, so the read-only standby keeps it
   * suspended until a failover.
   */
  static BatchJob batchProcessor(Environment env) {
    return batchJob("treum-batch-processor", env)
        .schedule("30 11 * * 1-5")
        .env("DATABASE_ENDPOINT", env.parameter("DATABASE_ENDPOINT"))
        .env("READ_ONLY", readOnly(env))
        .suspended(!env.isPrimary());
  }

  /** Backup processing runs in the standby, from the read replica into the region's bucket. */
  static BatchJob backup(Environment env) {
    return batchJob("treum-backup", env)
        .schedule("0 20 * * *")
        .env("DATABASE_ENDPOINT", env.parameter("READ_REPLICA_ENDPOINT"))
        .env("BACKUP_BUCKET", env.parameter("BACKUP_BUCKET"));
  }

  private static BatchJob batchJob(String name, Environment env) {
    return owned(BatchJob.named(name), Owner.DATA, env)
        .namespace(Namespaces.BATCH)
        .image(env.image(name, VERSION))
        .requests("1", "2Gi")
        .limits(null, "4Gi")
        .ephemeralStorage("5Gi")
        .nodeGroup(NodeGroup.BATCH.name())
        // A job's pod with an Istio sidecar never completes (the proxy keeps running); the jobs
        // talk only to AWS services outside the mesh.
        .podAnnotation("sidecar.istio.io/inject", "false")
        .backoffLimit(2);
  }

  /**
   * What every long-running TREUM service shares: its owner, region, health probes and IRSA role;
   * it runs on the reserved on-demand application nodes, spread over zones and nodes.
   */
  private static <B extends PodWorkload<B>> B service(B workload, Owner owner, Environment env) {
    return owned(workload, owner, env)
        .readinessPath("/ready")
        .livenessPath("/healthz")
        .nodeGroup(NodeGroup.APPLICATION.name())
        .onDemand()
        .spreadOverNodes();
  }

  /** The owner's cost allocation labels, the region and the workload's IRSA role. */
  private static <B extends PodWorkload<B>> B owned(B workload, Owner owner, Environment env) {
    return workload
        .team(owner.team())
        .costCenter(owner.costCenter())
        .env("AWS_REGION", env.region())
        .iamRole(iamRole(workload.name(), env));
  }

  /** The IRSA role of a workload in an environment's region. */
  static String iamRole(String workload, Environment env) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + workload + "-" + env.region();
  }

  private static String readOnly(Environment env) {
    return env.isPrimary() ? "false" : "true";
  }

  /**
   * The node groups the policy gate checks pods against: every group of the cluster, and {@code
   * default} for pods that select none.
   */
  private static Environment.Builder withNodeGroups(Environment.Builder builder) {
    builder.zones(3).nodeGroup("default", NodeGroup.UNSELECTED.largestNode());
    NodeGroup.ALL.forEach(group -> builder.nodeGroup(group.name(), group.largestNode()));
    return builder;
  }
}
