package io.treum.gitops.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.List;

/**
 * A scheduled batch job on spot capacity: a CronJob whose pods select and tolerate spot nodes,
 * never run concurrently and are retried a bounded number of times.
 */
public final class BatchJob extends PodWorkload<BatchJob> {
  private String schedule;
  private boolean spot = true;
  private int backoffLimit = 2;
  private boolean suspended;

  private BatchJob(String name) {
    super(name);
  }

  public static BatchJob named(String name) {
    return new BatchJob(name);
  }

  @Override
  protected BatchJob self() {
    return this;
  }

  @Override
  protected String component() {
    return "batch";
  }

  /** Cron schedule, e.g. {@code 0 2 * * *}. */
  public BatchJob schedule(String schedule) {
    this.schedule = schedule;
    return this;
  }

  /** Whether pods run on spot capacity (default) or on-demand. */
  public BatchJob spot(boolean spot) {
    this.spot = spot;
    return this;
  }

  /** Runs on on-demand capacity: the same as {@code spot(false)}. */
  @Override
  public BatchJob onDemand() {
    return spot(false);
  }

  public BatchJob backoffLimit(int backoffLimit) {
    this.backoffLimit = backoffLimit;
    return this;
  }

  /** Keeps the CronJob but creates no jobs (e.g. in a standby environment). */
  public BatchJob suspended(boolean suspended) {
    this.suspended = suspended;
    return this;
  }

  private CronJob cronJob() {
    if (schedule == null) {
      throw new DefinitionException(
          "batch job '" + name + "' has no schedule: call .schedule(\"0 2 * * *\")");
    }
    if (spot) {
      nodeSelector(CAPACITY_TYPE_LABEL, "SPOT");
      if (tolerations.stream().noneMatch(t -> "treum.io/spot".equals(t.getKey()))) {
        toleration("treum.io/spot", "true", "NoSchedule");
      }
    } else {
      nodeSelector(CAPACITY_TYPE_LABEL, "ON_DEMAND");
    }
    var pod = podSpec(false);
    pod.setRestartPolicy("OnFailure");
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(objectLabels())
        .endMetadata()
        .withNewSpec()
        .withSchedule(schedule)
        .withSuspend(suspended ? Boolean.TRUE : null)
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(objectLabels())
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(templateLabels())
        .withAnnotations(podAnnotations.isEmpty() ? null : podAnnotations)
        .endMetadata()
        .withSpec(pod)
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  @Override
  public List<HasMetadata> resources() {
    return List.of(serviceAccount(), cronJob());
  }
}
