package io.treum.gitops.testing.gen;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.treum.gitops.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Deployment or StatefulSet written directly with fabric8's builders. */
public final class RawPodConfig {
  /**
   * A volume: {@code type} is {@code configMap}, {@code secret} or {@code emptyDir}; {@code source}
   * names the ConfigMap or Secret.
   */
  public record VolumeSpec(String name, String type, String source) {
    Volume toVolume() {
      VolumeBuilder volume = new VolumeBuilder().withName(name);
      switch (type) {
        case "configMap" -> volume.withNewConfigMap().withName(source).endConfigMap();
        case "secret" -> volume.withNewSecret().withSecretName(source).endSecret();
        default -> volume.withNewEmptyDir().withMedium(source).endEmptyDir();
      }
      return volume.build();
    }
  }

  /** A StatefulSet volume claim template. */
  public record ClaimSpec(String name, String storage) {
    PersistentVolumeClaim toClaim() {
      return new PersistentVolumeClaimBuilder()
          .withNewMetadata()
          .withName(name)
          .endMetadata()
          .withNewSpec()
          .withAccessModes("ReadWriteOnce")
          .withNewResources()
          .withRequests(Map.of("storage", new Quantity(storage)))
          .endResources()
          .endSpec()
          .build();
    }
  }

  final boolean statefulSet;
  String namespace;
  Map<String, String> labels = new TreeMap<>();
  Map<String, String> annotations = new TreeMap<>();
  Map<String, String> templateLabels = new TreeMap<>();
  Map<String, String> templateAnnotations = new TreeMap<>();
  Integer replicas;
  List<ContainerConfig> containers = new ArrayList<>();
  List<ContainerConfig> initContainers = new ArrayList<>();
  List<VolumeSpec> volumes = new ArrayList<>();
  List<TolerationSpec> tolerations = new ArrayList<>();
  String serviceAccount;
  List<ClaimSpec> claims = new ArrayList<>();

  public RawPodConfig(boolean statefulSet) {
    this.statefulSet = statefulSet;
  }

  RawPodConfig copy() {
    RawPodConfig c = new RawPodConfig(statefulSet);
    c.namespace = namespace;
    c.labels = new TreeMap<>(labels);
    c.annotations = new TreeMap<>(annotations);
    c.templateLabels = new TreeMap<>(templateLabels);
    c.templateAnnotations = new TreeMap<>(templateAnnotations);
    c.replicas = replicas;
    c.containers = new ArrayList<>(containers);
    c.initContainers = new ArrayList<>(initContainers);
    c.volumes = new ArrayList<>(volumes);
    c.tolerations = new ArrayList<>(tolerations);
    c.serviceAccount = serviceAccount;
    c.claims = new ArrayList<>(claims);
    return c;
  }

  HasMetadata build(String name, Environment environment) {
    ObjectMeta metadata =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels.isEmpty() ? null : labels)
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .build();
    Map<String, String> podLabels = new TreeMap<>(templateLabels);
    podLabels.put("app", name);
    ObjectMeta podMetadata =
        new ObjectMetaBuilder()
            .withLabels(podLabels)
            .withAnnotations(templateAnnotations.isEmpty() ? null : templateAnnotations)
            .build();
    PodSpec pod =
        new PodSpecBuilder()
            .withServiceAccountName(serviceAccount)
            .withContainers(containers.stream().map(c -> c.toContainer(environment)).toList())
            .withInitContainers(
                initContainers.stream().map(c -> c.toContainer(environment)).toList())
            .withVolumes(volumes.stream().map(VolumeSpec::toVolume).toList())
            .withTolerations(tolerations.stream().map(TolerationSpec::toToleration).toList())
            .build();
    if (statefulSet) {
      return new StatefulSetBuilder()
          .withMetadata(metadata)
          .withNewSpec()
          .withReplicas(replicas)
          .withServiceName(name)
          .withNewSelector()
          .withMatchLabels(Map.of("app", name))
          .endSelector()
          .withNewTemplate()
          .withMetadata(podMetadata)
          .withSpec(pod)
          .endTemplate()
          .withVolumeClaimTemplates(claims.stream().map(ClaimSpec::toClaim).toList())
          .endSpec()
          .build();
    }
    return new DeploymentBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withMetadata(podMetadata)
        .withSpec(pod)
        .endTemplate()
        .endSpec()
        .build();
  }

  @Override
  public String toString() {
    return (statefulSet ? "StatefulSet" : "Deployment")
        + "{namespace="
        + namespace
        + ", labels="
        + labels
        + ", annotations="
        + annotations
        + ", templateLabels="
        + templateLabels
        + ", templateAnnotations="
        + templateAnnotations
        + ", replicas="
        + replicas
        + ", containers="
        + containers
        + ", initContainers="
        + initContainers
        + ", volumes="
        + volumes
        + ", tolerations="
        + tolerations
        + ", serviceAccount="
        + serviceAccount
        + ", claims="
        + claims
        + "}";
  }

  // ---- per-environment changes ----

  /** Changes one container ({@code init} selects initContainers). */
  public record OnContainer(boolean init, int index, ContainerConfig.Change change)
      implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      if (init) {
        c.initContainers = Lists.updated(c.initContainers, index, change::applyTo);
      } else {
        c.containers = Lists.updated(c.containers, index, change::applyTo);
      }
    }
  }

  /** Adds a container unless one of that name exists. */
  public record AddContainer(boolean init, ContainerConfig container)
      implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      List<ContainerConfig> list = init ? c.initContainers : c.containers;
      if (list.stream().noneMatch(x -> x.name().equals(container.name()))) {
        if (init) {
          c.initContainers = Lists.with(list, container);
        } else {
          c.containers = Lists.with(list, container);
        }
      }
    }
  }

  /** Removes a container, keeping at least one main container. */
  public record RemoveContainer(boolean init, int index) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      if (init) {
        c.initContainers = Lists.without(c.initContainers, index);
      } else if (c.containers.size() > 1) {
        c.containers = Lists.without(c.containers, index);
      }
    }
  }

  public record MoveContainer(int from, int to) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.containers = Lists.moved(c.containers, from, to);
    }
  }

  /** Adds a volume unless one of that name exists. */
  public record AddVolume(VolumeSpec volume) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      if (c.volumes.stream().noneMatch(v -> v.name().equals(volume.name()))) {
        c.volumes = Lists.with(c.volumes, volume);
      }
    }
  }

  public record RemoveVolume(int index) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.volumes = Lists.without(c.volumes, index);
    }
  }

  /** Changes a volume's source (e.g. from a ConfigMap to a Secret). */
  public record ChangeVolumeSource(int index, String type, String source)
      implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.volumes = Lists.updated(c.volumes, index, v -> new VolumeSpec(v.name(), type, source));
    }
  }

  public record AddToleration(TolerationSpec toleration) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.tolerations = Lists.with(c.tolerations, toleration);
    }
  }

  public record RemoveToleration(int index) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.tolerations = Lists.without(c.tolerations, index);
    }
  }

  /** Puts ({@code value} set) or removes a label or annotation on the object or its template. */
  public record EditMetadata(boolean template, boolean annotation, String key, String value)
      implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      Map<String, String> map =
          template
              ? (annotation ? c.templateAnnotations : c.templateLabels)
              : (annotation ? c.annotations : c.labels);
      if (value == null) {
        map.remove(key);
      } else {
        map.put(key, value);
      }
    }
  }

  public record SetReplicas(Integer replicas) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.replicas = replicas;
    }
  }

  public record SetServiceAccount(String name) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.serviceAccount = name;
    }
  }

  public record SetNamespace(String namespace) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.namespace = namespace;
    }
  }

  /** Adds (when new) or resizes a volume claim template. */
  public record PutClaim(ClaimSpec claim) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      List<ClaimSpec> claims = new ArrayList<>(c.claims);
      claims.removeIf(x -> x.name().equals(claim.name()));
      claims.add(claim);
      c.claims = claims;
    }
  }

  public record RemoveClaim(int index) implements Mutation<RawPodConfig> {
    public void applyTo(RawPodConfig c) {
      c.claims = Lists.without(c.claims, index);
    }
  }
}
