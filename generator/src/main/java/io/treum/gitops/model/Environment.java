package io.treum.gitops.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A deployment environment as a typed value: one overlay, one cluster. Workloads read it in plain
 * Java ({@code env.isPrimary() ? 5 : 2}) so differences are checked by the compiler.
 *
 * <p>Two kinds of settings besides the cluster's identity: {@linkplain Builder#parameter workload
 * parameters} (endpoints, flags) that workloads read, and {@linkplain #policyParameters policy
 * parameters} that only the policy gate reads ({@code treum:render} writes them, with the role,
 * region and the values derived from them, to {@code overlays/<env>/treum-environment.yaml}; see
 * policies/README.md, "Environment parameters").
 */
public final class Environment {
  /** Whether the environment serves production traffic or stands by for it. */
  public enum Role {
    PRIMARY,
    STANDBY
  }

  /** Whether the gate applies its production-only rules (IMG-003, HPA-003). */
  public enum Tier {
    PRODUCTION("production"),
    NON_PRODUCTION("non-production");

    private final String value;

    Tier(String value) {
      this.value = value;
    }

    /** The value of policy parameter {@code tier}. */
    public String value() {
      return value;
    }
  }

  /** The service mesh of the cluster, for the mesh rules (MESH-001, MESH-003, HPA-006). */
  public enum Mesh {
    ISTIO("istio"),
    NONE("none");

    private final String value;

    Mesh(String value) {
      this.value = value;
    }

    /** The value of policy parameter {@code mesh}. */
    public String value() {
      return value;
    }
  }

  /**
   * The policy parameters TREUM's gate reads, each with the builder method that sets it or the
   * setting it is derived from; {@link Builder#policyParameter} refuses them.
   */
  private static final Map<String, String> GATE_PARAMETERS =
      Map.of(
          "account", "it is derived from the ECR registry: set .registry(\"<account>.dkr.ecr…\")",
          "capacityFactor", "it is derived for a standby: use .capacityFactor(double)",
          "primary", "use .standbyOf(\"<primary>\")",
          "tier", "use .tier(Environment.Tier)",
          "zones", "use .zones(int)",
          "registries", "use .allowedRegistries(String...)",
          "mesh", "use .mesh(Environment.Mesh)",
          "mlNodeGroup", "use .mlNodeGroup(String)",
          "nodeGroups", "use .nodeGroup(String, Map)");

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
  private final SortedMap<String, Object> policyParameters;

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
    SortedMap<String, Object> policy = new TreeMap<>(b.policyParameters);
    if (!b.nodeGroups.isEmpty()) {
      policy.put("nodeGroups", Collections.unmodifiableSortedMap(new TreeMap<>(b.nodeGroups)));
    }
    this.policyParameters = Collections.unmodifiableSortedMap(policy);
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

  /**
   * Free parameters (endpoints, flags) for workloads to read. They configure workloads only; the
   * policy gate never sees them (see {@link #policyParameters}).
   */
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

  /**
   * The policy parameters set explicitly on this environment, by name (policies/README.md,
   * "Environment parameters"): {@code tier}, {@code zones}, {@code registries}, {@code mesh},
   * {@code mlNodeGroup}, {@code nodeGroups}, {@code primary} (from {@link Builder#standbyOf}) and
   * those of the project's own policies. Values are strings, booleans, numbers, lists and sorted
   * maps of these, all unmodifiable. {@code account}, {@code capacityFactor} and, for a standby of
   * the only primary, {@code primary} are derived when the environment is rendered and are not in
   * this map.
   */
  public SortedMap<String, Object> policyParameters() {
    return policyParameters;
  }

  /** The primary this standby mirrors, when it was named with {@link Builder#standbyOf}. */
  public Optional<String> standbyOf() {
    return Optional.ofNullable((String) policyParameters.get("primary"));
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
    private final Map<String, Object> policyParameters = new LinkedHashMap<>();
    private final Map<String, SortedMap<String, String>> nodeGroups = new LinkedHashMap<>();

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
      policyParameters.remove("primary");
      return this;
    }

    /**
     * Makes this environment a standby. The policies compare it with the definition's only primary;
     * with several primaries, name the one it mirrors with {@link #standbyOf}.
     */
    public Builder standby() {
      this.role = Role.STANDBY;
      return this;
    }

    /**
     * Makes this environment a standby of the named primary environment of the same definition
     * (policy parameter {@code primary}, read by REL-002 and REL-003).
     */
    public Builder standbyOf(String primary) {
      if (primary == null || primary.isBlank() || primary.equals(name)) {
        throw new DefinitionException(
            "environment '"
                + name
                + "': standbyOf(\""
                + primary
                + "\") must name another environment of the definition, its primary");
      }
      this.role = Role.STANDBY;
      policyParameters.put("primary", primary);
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

    /**
     * Adds a workload parameter (an endpoint, a flag) that workloads read with {@link
     * Environment#parameter}. It is not a policy parameter: use the policy methods below for those.
     */
    public Builder parameter(String key, String value) {
      parameters.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /**
     * Policy parameter {@code tier}: {@link Tier#NON_PRODUCTION} relaxes IMG-003 (digest or
     * immutable tag) and HPA-003 (minimum replicas ≥ zones). Unset, the gate treats the environment
     * as production.
     */
    public Builder tier(Tier tier) {
      policyParameters.put("tier", Objects.requireNonNull(tier, "tier").value());
      return this;
    }

    /**
     * Policy parameter {@code zones}: the availability zones the cluster spans (gate default 3).
     */
    public Builder zones(int zones) {
      if (zones < 1) {
        throw new DefinitionException(
            "environment '" + name + "': zones(" + zones + ") must be at least 1");
      }
      policyParameters.put("zones", zones);
      return this;
    }

    /**
     * Policy parameter {@code registries}: the only registry hosts images may come from (IMG-001).
     * Unset, images must come from the ECR registries of the account of {@link #registry}.
     */
    public Builder allowedRegistries(String... hosts) {
      List<String> list = new ArrayList<>();
      for (String host : hosts) {
        if (host == null || host.isBlank() || !host.equals(host.strip()) || host.contains("/")) {
          throw new DefinitionException(
              "environment '"
                  + name
                  + "': allowedRegistries() takes registry hosts like"
                  + " 111122223333.dkr.ecr.ap-south-1.amazonaws.com, not '"
                  + host
                  + "'");
        }
        list.add(host);
      }
      if (list.isEmpty()) {
        throw new DefinitionException(
            "environment '" + name + "': allowedRegistries() needs at least one host");
      }
      policyParameters.put("registries", List.copyOf(list));
      return this;
    }

    /**
     * Policy parameter {@code mesh}: {@link Mesh#NONE} turns the mesh rules off (gate default
     * istio).
     */
    public Builder mesh(Mesh mesh) {
      policyParameters.put("mesh", Objects.requireNonNull(mesh, "mesh").value());
      return this;
    }

    /**
     * Policy parameter {@code mlNodeGroup}: the node group (label {@code treum.io/node-group}) that
     * GPU pods, and only they, run on (CAP-005, CAP-006; gate default {@code ml-nodes}).
     */
    public Builder mlNodeGroup(String nodeGroup) {
      requireNodeGroupName(nodeGroup, "mlNodeGroup");
      policyParameters.put("mlNodeGroup", nodeGroup);
      return this;
    }

    /**
     * Declares a node group for policy parameter {@code nodeGroups}: the allocatable resources of
     * its largest node, as quantities ({@code Map.of("cpu", "7500m", "memory", "28Gi")}), which
     * requests (RES-004) and VPA bounds (VPA-003) must fit. Declaring any node group replaces the
     * gate's default groups ({@code default} and {@code ml-nodes}), so declare every group pods
     * select, {@code default} included for pods that select none.
     */
    public Builder nodeGroup(String nodeGroup, Map<String, String> allocatable) {
      requireNodeGroupName(nodeGroup, "nodeGroup");
      if (allocatable == null || allocatable.isEmpty()) {
        throw new DefinitionException(
            "environment '"
                + name
                + "': node group '"
                + nodeGroup
                + "' needs its allocatable resources, e.g. Map.of(\"cpu\", \"7500m\", \"memory\","
                + " \"28Gi\")");
      }
      SortedMap<String, String> resources = new TreeMap<>();
      allocatable.forEach(
          (resource, quantity) -> {
            if (resource == null
                || resource.isBlank()
                || quantity == null
                || quantity.isBlank()
                || !quantity.equals(quantity.strip())) {
              throw new DefinitionException(
                  "environment '"
                      + name
                      + "': node group '"
                      + nodeGroup
                      + "' has the resource "
                      + resource
                      + " = '"
                      + quantity
                      + "'; give each resource a quantity like 7500m or 28Gi");
            }
            resources.put(resource, quantity);
          });
      nodeGroups.put(nodeGroup, Collections.unmodifiableSortedMap(resources));
      return this;
    }

    /**
     * Sets a parameter that the project's own policies read from {@code
     * data.treum.environment.parameters}. The value is a String, Boolean, Integer, Long or finite
     * Double, or a List or string-keyed Map of those. The parameters TREUM's gate reads have typed
     * methods ({@link #zones}, {@link #tier}, …) or are derived, and are refused here.
     */
    public Builder policyParameter(String key, Object value) {
      if (key == null || key.isBlank()) {
        throw new DefinitionException(
            "environment '" + name + "': a policy parameter needs a name, not '" + key + "'");
      }
      String typed = GATE_PARAMETERS.get(key);
      if (typed != null) {
        throw new DefinitionException(
            "environment '"
                + name
                + "': policyParameter(\""
                + key
                + "\", …) sets a parameter of TREUM's policies; "
                + typed);
      }
      policyParameters.put(key, policyValue(value, key));
      return this;
    }

    /** An unmodifiable copy of a policy parameter value, refused when YAML could not carry it. */
    private Object policyValue(Object value, String path) {
      if (value instanceof String
          || value instanceof Boolean
          || value instanceof Integer
          || value instanceof Long
          || value instanceof Double number && Double.isFinite(number)) {
        return value;
      }
      if (value instanceof List<?> list) {
        List<Object> copy = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          copy.add(policyValue(list.get(i), path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(copy);
      }
      if (value instanceof Map<?, ?> map) {
        SortedMap<String, Object> copy = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new DefinitionException(
                "environment '"
                    + name
                    + "': policy parameter "
                    + path
                    + " has the key "
                    + entry.getKey()
                    + "; use string keys");
          }
          copy.put(key, policyValue(entry.getValue(), path + "." + key));
        }
        return Collections.unmodifiableSortedMap(copy);
      }
      throw new DefinitionException(
          "environment '"
              + name
              + "': policy parameter "
              + path
              + " is "
              + (value == null ? "null" : "a " + value.getClass().getName() + " (" + value + ")")
              + "; use a String, Boolean, Integer, Long, finite Double, or a List or Map of those");
    }

    private void requireNodeGroupName(String nodeGroup, String what) {
      if (nodeGroup == null || nodeGroup.isEmpty() || !Names.isLabelValue(nodeGroup)) {
        throw new DefinitionException(
            "environment '"
                + name
                + "': "
                + what
                + " '"
                + nodeGroup
                + "' is not a node group name (a label value, e.g. ml-nodes)");
      }
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
