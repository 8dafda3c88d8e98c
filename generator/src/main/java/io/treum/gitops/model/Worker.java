package io.treum.gitops.model;

/**
 * A background worker: ServiceAccount, Deployment, optional HPA and a PodDisruptionBudget when
 * replicated; no Service, and no container port unless one is set for probes or metrics.
 */
public final class Worker extends ReplicatedWorkload<Worker> {
  private Worker(String name) {
    super(name);
  }

  public static Worker named(String name) {
    return new Worker(name);
  }

  @Override
  protected Worker self() {
    return this;
  }

  @Override
  protected String component() {
    return "worker";
  }

  @Override
  protected boolean serves() {
    return false;
  }
}
