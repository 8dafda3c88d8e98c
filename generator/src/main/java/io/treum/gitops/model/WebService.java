package io.treum.gitops.model;

/**
 * An HTTP service: ServiceAccount, Deployment, Service (port {@code http}, container port 8080 by
 * default), an {@code autoscaling/v2} HorizontalPodAutoscaler when autoscaled, and a
 * PodDisruptionBudget when replicated.
 */
public final class WebService extends ReplicatedWorkload<WebService> {
  private WebService(String name) {
    super(name);
    this.containerPort = 8080;
  }

  public static WebService named(String name) {
    return new WebService(name);
  }

  @Override
  protected WebService self() {
    return this;
  }

  @Override
  protected String component() {
    return "web";
  }

  @Override
  protected boolean serves() {
    return true;
  }
}
