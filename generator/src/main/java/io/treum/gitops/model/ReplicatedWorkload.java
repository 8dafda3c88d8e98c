package io.treum.gitops.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-running workload on a Deployment: ServiceAccount, Deployment, optionally a Service, an
 * {@code autoscaling/v2} HorizontalPodAutoscaler (then the Deployment has no static replica count)
 * and a PodDisruptionBudget when replicated.
 *
 * @param <B> the concrete construct, for fluent setters
 */
public abstract class ReplicatedWorkload<B extends ReplicatedWorkload<B>> extends PodWorkload<B> {
  protected int replicas = 1;
  protected Autoscaling autoscaling;
  protected int servicePort = 80;

  protected ReplicatedWorkload(String name) {
    super(name);
  }

  /** Whether the workload gets a Service in front of it. */
  protected abstract boolean serves();

  /** Static replica count, used when {@link #autoscaling(Autoscaling)} is not set. */
  public B replicas(int replicas) {
    if (replicas < 0) {
      throw new DefinitionException(name + ": replicas must not be negative");
    }
    this.replicas = replicas;
    return self();
  }

  /** Horizontal autoscaling, or {@code null} for a static replica count. */
  public B autoscaling(Autoscaling autoscaling) {
    this.autoscaling = autoscaling;
    return self();
  }

  public B servicePort(int port) {
    this.servicePort = port;
    return self();
  }

  protected boolean replicated() {
    return autoscaling != null || replicas > 1;
  }

  protected Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(objectLabels())
        .endMetadata()
        .withNewSpec()
        .withReplicas(autoscaling == null ? replicas : null)
        .withNewSelector()
        .withMatchLabels(selector())
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(templateLabels())
        .withAnnotations(podAnnotations.isEmpty() ? null : podAnnotations)
        .endMetadata()
        .withSpec(podSpec(replicated()))
        .endTemplate()
        .endSpec()
        .build();
  }

  protected Service service() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(objectLabels())
        .endMetadata()
        .withNewSpec()
        .withSelector(selector())
        .addNewPort()
        .withName("http")
        .withPort(servicePort)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  @Override
  public List<HasMetadata> resources() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(serviceAccount());
    objects.add(deployment());
    if (serves()) {
      objects.add(service());
    }
    if (autoscaling != null) {
      objects.add(
          autoscaling.toHpa(name, namespace, objectLabels(), "Deployment", containerName()));
    }
    if (replicated()) {
      objects.add(podDisruptionBudget());
    }
    return objects;
  }
}
