package io.treum.gitops.testing.gen;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload of raw objects made with {@link Workload#of}: any of a Deployment, a StatefulSet, a
 * ConfigMap, a Service and a custom resource, all named after the workload (so a Deployment and a
 * StatefulSet may share a name, as Kustomize's {@code replicas:} must then handle).
 */
public final class BundleConfig implements WorkloadConfig<BundleConfig> {
  /** A Service port; {@code targetPort} is an Integer or a String, {@code protocol} optional. */
  public record ServicePortSpec(String name, int port, Object targetPort, String protocol) {}

  RawPodConfig deployment;
  RawPodConfig statefulSet;
  ConfigMapPart configMap;
  ServicePart service;
  CustomResourceConfig custom;

  /** A ConfigMap. */
  public static final class ConfigMapPart {
    String namespace;
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> data = new LinkedHashMap<>();
    Boolean immutable;

    ConfigMapPart copy() {
      ConfigMapPart c = new ConfigMapPart();
      c.namespace = namespace;
      c.labels = new TreeMap<>(labels);
      c.data = new LinkedHashMap<>(data);
      c.immutable = immutable;
      return c;
    }

    HasMetadata build(String name) {
      return new ConfigMapBuilder()
          .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .withLabels(labels.isEmpty() ? null : labels)
          .endMetadata()
          .withData(data.isEmpty() ? null : data)
          .withImmutable(immutable)
          .build();
    }

    @Override
    public String toString() {
      return "ConfigMap{namespace="
          + namespace
          + ", labels="
          + labels
          + ", data="
          + data
          + ", immutable="
          + immutable
          + "}";
    }
  }

  /** A Service. */
  public static final class ServicePart {
    String namespace;
    Map<String, String> annotations = new TreeMap<>();
    String type;
    List<ServicePortSpec> ports = new ArrayList<>();

    ServicePart copy() {
      ServicePart c = new ServicePart();
      c.namespace = namespace;
      c.annotations = new TreeMap<>(annotations);
      c.type = type;
      c.ports = new ArrayList<>(ports);
      return c;
    }

    HasMetadata build(String name) {
      ServiceBuilder service =
          new ServiceBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .withAnnotations(annotations.isEmpty() ? null : annotations)
              .endMetadata()
              .withNewSpec()
              .withType(type)
              .withSelector(Map.of("app", name))
              .endSpec();
      for (ServicePortSpec port : ports) {
        service
            .editSpec()
            .addNewPort()
            .withName(port.name())
            .withPort(port.port())
            .withProtocol(port.protocol())
            .withTargetPort(
                port.targetPort() instanceof Integer i
                    ? new IntOrString(i)
                    : new IntOrString((String) port.targetPort()))
            .endPort()
            .endSpec();
      }
      return service.build();
    }

    @Override
    public String toString() {
      return "Service{namespace="
          + namespace
          + ", annotations="
          + annotations
          + ", type="
          + type
          + ", ports="
          + ports
          + "}";
    }
  }

  @Override
  public BundleConfig copy() {
    BundleConfig c = new BundleConfig();
    c.deployment = deployment == null ? null : deployment.copy();
    c.statefulSet = statefulSet == null ? null : statefulSet.copy();
    c.configMap = configMap == null ? null : configMap.copy();
    c.service = service == null ? null : service.copy();
    c.custom = custom == null ? null : custom.copy();
    return c;
  }

  @Override
  public Workload toWorkload(String name, Environment environment) {
    List<HasMetadata> objects = new ArrayList<>();
    if (deployment != null) {
      objects.add(deployment.build(name, environment));
    }
    if (statefulSet != null) {
      objects.add(statefulSet.build(name, environment));
    }
    if (configMap != null) {
      // a name with a dot: JSON 6902 targets match names as regular expressions
      objects.add(configMap.build(name + ".settings"));
    }
    if (service != null) {
      objects.add(service.build(name));
    }
    if (custom != null) {
      objects.add(custom.build(name));
    }
    return Workload.of(name, objects);
  }

  @Override
  public String toString() {
    List<Object> parts = new ArrayList<>();
    for (Object part : new Object[] {deployment, statefulSet, configMap, service, custom}) {
      if (part != null) {
        parts.add(part);
      }
    }
    return "objects" + parts;
  }

  // ---- per-environment changes ----

  /** Which object of the bundle a change addresses. */
  public enum Part {
    DEPLOYMENT,
    STATEFUL_SET,
    CONFIG_MAP,
    SERVICE,
    CUSTOM
  }

  /** Leaves one object out in this environment. */
  public record Drop(Part part) implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      switch (part) {
        case DEPLOYMENT -> c.deployment = null;
        case STATEFUL_SET -> c.statefulSet = null;
        case CONFIG_MAP -> c.configMap = null;
        case SERVICE -> c.service = null;
        case CUSTOM -> c.custom = null;
      }
    }
  }

  /** Changes the Deployment and the StatefulSet (whichever exist). */
  public record OnPods(boolean deployment, Mutation<RawPodConfig> change)
      implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      RawPodConfig target = deployment ? c.deployment : c.statefulSet;
      if (target == null) {
        target = deployment ? c.statefulSet : c.deployment;
      }
      if (target != null) {
        change.applyTo(target);
      }
    }
  }

  public record OnCustom(Mutation<CustomResourceConfig> change) implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.custom != null) {
        change.applyTo(c.custom);
      }
    }
  }

  /** Puts ({@code value} set) or removes a ConfigMap entry, or sets {@code immutable}. */
  public record EditConfigMap(String key, String value, Boolean immutable)
      implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.configMap == null) {
        return;
      }
      if (value == null) {
        c.configMap.data.remove(key);
      } else {
        c.configMap.data.put(key, value);
      }
      c.configMap.immutable = immutable;
    }
  }

  public record LabelConfigMap(String key, String value) implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.configMap != null) {
        if (value == null) {
          c.configMap.labels.remove(key);
        } else {
          c.configMap.labels.put(key, value);
        }
      }
    }
  }

  /** Adds a Service port unless its port and protocol are taken. */
  public record AddServicePort(ServicePortSpec port) implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.service != null
          && c.service.ports.stream()
              .noneMatch(
                  p ->
                      p.port() == port.port()
                          && (p.protocol() == null
                              || port.protocol() == null
                              || p.protocol().equals(port.protocol())))) {
        c.service.ports = Lists.with(c.service.ports, port);
      }
    }
  }

  public record RemoveServicePort(int index) implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.service != null) {
        c.service.ports = Lists.without(c.service.ports, index);
      }
    }
  }

  public record RetargetServicePort(int index, Object targetPort)
      implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.service != null) {
        c.service.ports =
            Lists.updated(
                c.service.ports,
                index,
                p -> new ServicePortSpec(p.name(), p.port(), targetPort, p.protocol()));
      }
    }
  }

  public record EditService(String type, String annotationKey, String annotationValue)
      implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      if (c.service != null) {
        c.service.type = type;
        if (annotationValue == null) {
          c.service.annotations.remove(annotationKey);
        } else {
          c.service.annotations.put(annotationKey, annotationValue);
        }
      }
    }
  }

  /** Moves an object to another namespace ({@code null}: the environment's). */
  public record SetNamespace(Part part, String namespace) implements Mutation<BundleConfig> {
    public void applyTo(BundleConfig c) {
      switch (part) {
        case DEPLOYMENT -> {
          if (c.deployment != null) {
            c.deployment.namespace = namespace;
          }
        }
        case STATEFUL_SET -> {
          if (c.statefulSet != null) {
            c.statefulSet.namespace = namespace;
          }
        }
        case CONFIG_MAP -> {
          if (c.configMap != null) {
            c.configMap.namespace = namespace;
          }
        }
        case SERVICE -> {
          if (c.service != null) {
            c.service.namespace = namespace;
          }
        }
        case CUSTOM -> {
          if (c.custom != null) {
            c.custom.namespace = namespace;
          }
        }
      }
    }
  }
}
