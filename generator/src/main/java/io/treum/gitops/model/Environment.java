package io.treum.gitops.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A deployment environment as a typed value: one overlay, one cluster. Workloads read it in plain
 * Java ({@code env.isPrimary() ? 5 : 2}) so differences are checked by the compiler.
 */
public final class Environment {
  /** Whether the environment serves production traffic or stands by for it. */
  public enum Role {
    PRIMARY,
    STANDBY
  }

  private final String name;
  private final String region;
  private final String cluster;
  private final Role role;
  private final double capacityFactor;
  private final boolean autoscaling;
  private final String registry;
  private final String namespace;
  private final SortedMap<String, String> labels;
  private final SortedMap<String, String> parameters;

  private Environment(Builder b) {
    this.name = b.name;
    this.region = b.region;
    this.cluster = b.cluster;
    this.role = b.role;
    this.capacityFactor = b.capacityFactor;
    this.autoscaling = b.autoscaling;
    this.registry = b.registry;
    this.namespace = b.namespace;
    this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(b.labels));
    this.parameters = Collections.unmodifiableSortedMap(new TreeMap<>(b.parameters));
  }

  /** Starts an environment; its name becomes the overlay folder {@code overlays/<name>}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** Cloud region, e.g. {@code ap-south-1}. */
  public String region() {
    return region;
  }

  /** The cluster Argo CD deploys this environment to. */
  public String cluster() {
    return cluster;
  }

  public Role role() {
    return role;
  }

  public boolean isPrimary() {
    return role == Role.PRIMARY;
  }

  /** Share of the primary's capacity this environment runs at (1.0 for the primary). */
  public double capacityFactor() {
    return capacityFactor;
  }

  /** Whether horizontal autoscaling is enabled here. */
  public boolean autoscaling() {
    return autoscaling;
  }

  /** Container registry of this environment, e.g. {@code 123.dkr.ecr.ap-south-1.amazonaws.com}. */
  public String registry() {
    return registry;
  }

  /** The namespace workloads default to, if any. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Labels the overlay adds to every object and pod template (Kustomize {@code labels}). */
  public SortedMap<String, String> labels() {
    return labels;
  }

  /** Free parameters (endpoints, flags) for workloads to read. */
  public SortedMap<String, String> parameters() {
    return parameters;
  }

  /**
   * A parameter's value.
   *
   * @throws DefinitionException when the environment does not define it
   */
  public String parameter(String key) {
    String value = parameters.get(key);
    if (value == null) {
      throw new DefinitionException(
          "environment '"
              + name
              + "' has no parameter '"
              + key
              + "': add .parameter(\""
              + key
              + "\", …) to its definition");
    }
    return value;
  }

  /** {@code count} scaled by the capacity factor, rounded, at least 1. */
  public int scale(int count) {
    return Math.max(1, (int) Math.round(count * capacityFactor));
  }

  /** An image in this environment's registry: {@code <registry>/<repository>:<tag>}. */
  public ImageReference image(String repository, String tag) {
    if (registry == null) {
      throw new DefinitionException(
          "environment '" + name + "' has no registry: add .registry(\"…\") to its definition");
    }
    return ImageReference.parse(registry + "/" + repository + ":" + tag);
  }

  @Override
  public String toString() {
    return "Environment[" + name + ", " + region + ", " + role + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Environment e && e.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** Builds an {@link Environment}; only the name is required. */
  public static final class Builder {
    private final String name;
    private String region;
    private String cluster;
    private Role role = Role.PRIMARY;
    private double capacityFactor = 1.0;
    private boolean autoscaling = true;
    private String registry;
    private String namespace;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder cluster(String cluster) {
      this.cluster = cluster;
      return this;
    }

    public Builder primary() {
      this.role = Role.PRIMARY;
      return this;
    }

    public Builder standby() {
      this.role = Role.STANDBY;
      return this;
    }

    public Builder capacityFactor(double capacityFactor) {
      if (!(capacityFactor > 0 && capacityFactor <= 1)) {
        throw new DefinitionException(
            "environment '" + name + "': capacity factor " + capacityFactor + " must be in (0, 1]");
      }
      this.capacityFactor = capacityFactor;
      return this;
    }

    public Builder autoscaling(boolean autoscaling) {
      this.autoscaling = autoscaling;
      return this;
    }

    public Builder registry(String registry) {
      this.registry = registry;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = Names.requireDns1123Label(namespace, "namespace of environment " + name);
      return this;
    }

    /**
     * Adds a label.
     *
     * @throws DefinitionException when the key or value is not a valid Kubernetes label
     */
    public Builder label(String key, String value) {
      Names.requireLabel(key, value, "environment " + name);
      labels.put(key, value);
      return this;
    }

    public Builder parameter(String key, String value) {
      parameters.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /**
     * Builds the environment.
     *
     * @throws DefinitionException when the name could not be an overlay folder
     */
    public Environment build() {
      Names.requireDns1123Label(name, "environment name");
      return new Environment(this);
    }
  }
}
