package io.treum.gitops.model;

import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscaler;
import io.fabric8.autoscaling.api.model.v1.VerticalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GPU/ML service: a {@link WebService} placed on the ML node group (node selector and GPU taint
 * toleration, one GPU per pod) and sized by a VerticalPodAutoscaler instead of an HPA, so the two
 * autoscalers never fight over CPU and memory.
 */
public final class MlService extends ReplicatedWorkload<MlService> {
  private String updateMode = "Auto";
  private final Map<String, String> minAllowed = new TreeMap<>();
  private final Map<String, String> maxAllowed = new TreeMap<>();
  private int gpus = 1;

  private MlService(String name) {
    super(name);
    this.containerPort = 8080;
    nodeGroup("ml-nodes");
    toleration("nvidia.com/gpu", null, "NoSchedule");
  }

  public static MlService named(String name) {
    return new MlService(name);
  }

  @Override
  protected MlService self() {
    return this;
  }

  @Override
  protected String component() {
    return "ml";
  }

  @Override
  protected boolean serves() {
    return true;
  }

  /** The VPA update mode: {@code Off}, {@code Initial}, {@code Recreate} or {@code Auto}. */
  public MlService updateMode(String mode) {
    this.updateMode = mode;
    return this;
  }

  /** Smallest CPU and memory the VPA may set. */
  public MlService minAllowed(String cpu, String memory) {
    minAllowed.put("cpu", cpu);
    minAllowed.put("memory", memory);
    return this;
  }

  /** Largest CPU and memory the VPA may set. */
  public MlService maxAllowed(String cpu, String memory) {
    maxAllowed.put("cpu", cpu);
    maxAllowed.put("memory", memory);
    return this;
  }

  public MlService gpus(int gpus) {
    this.gpus = gpus;
    return this;
  }

  @Override
  public MlService autoscaling(Autoscaling autoscaling) {
    throw new DefinitionException(
        "ML service '"
            + name
            + "' is sized by its VerticalPodAutoscaler; an HPA on the same"
            + " CPU/memory would conflict. Use replicas(…) instead");
  }

  @Override
  protected io.fabric8.kubernetes.api.model.Container container() {
    io.fabric8.kubernetes.api.model.Container c = super.container();
    if (gpus > 0) {
      var resources = c.getResources();
      if (resources == null) {
        resources = new io.fabric8.kubernetes.api.model.ResourceRequirements();
        c.setResources(resources);
      }
      Map<String, io.fabric8.kubernetes.api.model.Quantity> lim =
          new TreeMap<>(resources.getLimits() == null ? Map.of() : resources.getLimits());
      lim.put("nvidia.com/gpu", new io.fabric8.kubernetes.api.model.Quantity(String.valueOf(gpus)));
      resources.setLimits(lim);
    }
    return c;
  }

  private VerticalPodAutoscaler verticalPodAutoscaler() {
    return new VerticalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(objectLabels())
        .endMetadata()
        .withNewSpec()
        .withNewTargetRef("apps/v1", "Deployment", name)
        .withNewUpdatePolicy()
        .withUpdateMode(updateMode)
        .endUpdatePolicy()
        .withNewResourcePolicy()
        .addNewContainerPolicy()
        .withContainerName(containerName())
        .withMinAllowed(quantities(minAllowed))
        .withMaxAllowed(quantities(maxAllowed))
        .withControlledResources("cpu", "memory")
        .endContainerPolicy()
        .endResourcePolicy()
        .endSpec()
        .build();
  }

  @Override
  public List<HasMetadata> resources() {
    List<HasMetadata> objects = new ArrayList<>(super.resources());
    objects.add(verticalPodAutoscaler());
    return objects;
  }
}
