package io.treum.gitops.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every pod-running construct shares: one main container with image, port, environment,
 * resources, probes and a hardened security context; labels for cost allocation; a service account
 * (with an IRSA role when given); node placement. Subclasses decide which objects the workload
 * expands to.
 *
 * @param <B> the concrete construct, for fluent setters
 */
public abstract class PodWorkload<B extends PodWorkload<B>> implements Workload {
  /** The label every object of a workload carries and every selector uses. */
  public static final String NAME_LABEL = "app.kubernetes.io/name";

  /** Node label naming a node group; TREUM's policies read it (RES-004, CAP-005, VPA-003). */
  public static final String NODE_GROUP_LABEL = "treum.io/node-group";

  /** Node label EKS managed node groups put on their nodes: {@code ON_DEMAND} or {@code SPOT}. */
  public static final String CAPACITY_TYPE_LABEL = "eks.amazonaws.com/capacityType";

  protected final String name;
  protected String namespace;
  protected ImageReference image;
  protected Integer containerPort;
  protected final Map<String, String> env = new LinkedHashMap<>();
  protected final Map<String, String> requests = new TreeMap<>();
  protected final Map<String, String> limits = new TreeMap<>();
  protected final Map<String, String> labels = new TreeMap<>();
  protected final Map<String, String> podAnnotations = new TreeMap<>();
  protected final Map<String, String> nodeSelector = new TreeMap<>();
  protected final List<Toleration> tolerations = new ArrayList<>();
  protected List<String> command = List.of();
  protected List<String> args = List.of();
  protected String readinessPath;
  protected String livenessPath;
  protected String roleArn;
  protected int terminationGraceSeconds = 30;
  protected String containerName;
  protected boolean spreadOverNodes;

  protected PodWorkload(String name) {
    this.name = Names.requireDns1123Label(name, "workload name");
  }

  protected abstract B self();

  /** The component label value: {@code web}, {@code worker}, {@code ml}, {@code batch}. */
  protected abstract String component();

  @Override
  public String name() {
    return name;
  }

  /** Name of the main container (defaults to the workload name). */
  public B containerName(String containerName) {
    this.containerName = Names.requireDns1123Label(containerName, "container name of " + name);
    return self();
  }

  /** The main container's name. */
  protected String containerName() {
    return containerName != null ? containerName : name;
  }

  public B namespace(String namespace) {
    this.namespace = Names.requireDns1123Label(namespace, "namespace of " + name);
    return self();
  }

  public B image(ImageReference image) {
    this.image = Objects.requireNonNull(image);
    return self();
  }

  public B image(String image) {
    return image(ImageReference.parse(image));
  }

  public B containerPort(int port) {
    if (port < 1 || port > 65535) {
      throw new DefinitionException(name + ": container port " + port + " out of range");
    }
    this.containerPort = port;
    return self();
  }

  public B env(String key, String value) {
    env.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    return self();
  }

  /** CPU and memory requests, e.g. {@code requests("500m", "512Mi")}. */
  public B requests(String cpu, String memory) {
    requests.put("cpu", cpu);
    requests.put("memory", memory);
    return self();
  }

  /** CPU and memory limits; {@code cpu} may be {@code null} to leave CPU unlimited. */
  public B limits(String cpu, String memory) {
    if (cpu != null) {
      limits.put("cpu", cpu);
    }
    limits.put("memory", memory);
    return self();
  }

  public B ephemeralStorage(String request) {
    requests.put("ephemeral-storage", request);
    return self();
  }

  /** Owning team, for cost allocation ({@code team} label). */
  public B team(String team) {
    return label("team", team);
  }

  /** Cost centre, for cost allocation ({@code cost-center} label). */
  public B costCenter(String costCenter) {
    return label("cost-center", costCenter);
  }

  /**
   * Adds a label to the workload's objects and pod template.
   *
   * @throws DefinitionException when the key or value is not a valid Kubernetes label
   */
  public B label(String key, String value) {
    Names.requireLabel(key, value, "workload " + name);
    labels.put(key, value);
    return self();
  }

  public B podAnnotation(String key, String value) {
    podAnnotations.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    return self();
  }

  public B nodeSelector(String key, String value) {
    nodeSelector.put(key, value);
    return self();
  }

  /**
   * Places the pods on a node group: node selector {@value #NODE_GROUP_LABEL}, which the node
   * group's nodes carry as a label.
   */
  public B nodeGroup(String nodeGroup) {
    if (nodeGroup == null || nodeGroup.isEmpty() || !Names.isLabelValue(nodeGroup)) {
      throw new DefinitionException(
          "workload '"
              + name
              + "': node group '"
              + nodeGroup
              + "' is not a label value (e.g. application-nodes)");
    }
    return nodeSelector(NODE_GROUP_LABEL, nodeGroup);
  }

  /**
   * Places the pods on on-demand capacity only (node selector {@value #CAPACITY_TYPE_LABEL} {@code
   * ON_DEMAND}): the reserved baseline, never an interruptible spot node.
   */
  public B onDemand() {
    return nodeSelector(CAPACITY_TYPE_LABEL, "ON_DEMAND");
  }

  /**
   * Spreads replicated pods over nodes as well as zones (a second topology spread constraint on
   * {@code kubernetes.io/hostname}, {@code ScheduleAnyway}), so that draining one node or losing
   * one instance never takes several replicas at once.
   */
  public B spreadOverNodes() {
    this.spreadOverNodes = true;
    return self();
  }

  /** Tolerates {@code key=value:effect}. */
  public B toleration(String key, String value, String effect) {
    tolerations.add(
        new TolerationBuilder()
            .withKey(key)
            .withOperator(value == null ? "Exists" : "Equal")
            .withValue(value)
            .withEffect(effect)
            .build());
    return self();
  }

  public B command(String... command) {
    this.command = List.of(command);
    return self();
  }

  public B args(String... args) {
    this.args = List.of(args);
    return self();
  }

  /** HTTP readiness probe on the container port. */
  public B readinessPath(String path) {
    this.readinessPath = path;
    return self();
  }

  /** HTTP liveness probe on the container port. */
  public B livenessPath(String path) {
    this.livenessPath = path;
    return self();
  }

  /** IAM role for the service account (EKS IRSA). */
  public B iamRole(String roleArn) {
    this.roleArn = roleArn;
    return self();
  }

  public B terminationGracePeriodSeconds(int seconds) {
    this.terminationGraceSeconds = seconds;
    return self();
  }

  /** Labels on every object of this workload. */
  protected Map<String, String> objectLabels() {
    Map<String, String> all = new TreeMap<>(labels);
    all.put(NAME_LABEL, name);
    all.put("app.kubernetes.io/component", component());
    return all;
  }

  protected Map<String, String> selector() {
    return Map.of(NAME_LABEL, name);
  }

  protected void requireImage() {
    if (image == null) {
      throw new DefinitionException(
          "workload '" + name + "' has no image: call .image(…) in its definition");
    }
  }

  protected ServiceAccount serviceAccount() {
    ServiceAccountBuilder sa =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(objectLabels())
            .endMetadata()
            .withAutomountServiceAccountToken(roleArn != null);
    if (roleArn != null) {
      sa.editMetadata().addToAnnotations("eks.amazonaws.com/role-arn", roleArn).endMetadata();
    }
    return sa.build();
  }

  protected Container container() {
    requireImage();
    ContainerBuilder c =
        new ContainerBuilder()
            .withName(containerName())
            .withImage(image.toString())
            .withCommand(command)
            .withArgs(args)
            .withSecurityContext(SecurityContexts.container());
    List<EnvVar> vars = new ArrayList<>();
    env.forEach((k, v) -> vars.add(new EnvVar(k, v, null)));
    c.withEnv(vars);
    if (containerPort != null) {
      c.addNewPort().withName("http").withContainerPort(containerPort).endPort();
    }
    if (!requests.isEmpty() || !limits.isEmpty()) {
      c.withNewResources()
          .withRequests(quantities(requests))
          .withLimits(quantities(limits))
          .endResources();
    }
    if (readinessPath != null) {
      c.withReadinessProbe(httpProbe(readinessPath, 5));
    }
    if (livenessPath != null) {
      c.withLivenessProbe(httpProbe(livenessPath, 15));
    }
    return c.build();
  }

  protected static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> result = new TreeMap<>();
    values.forEach((k, v) -> result.put(k, new Quantity(v)));
    return result;
  }

  private Probe httpProbe(String path, int initialDelay) {
    if (containerPort == null) {
      throw new DefinitionException(
          "workload '"
              + name
              + "' has an HTTP probe but no container port: call"
              + " .containerPort(…)");
    }
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withInitialDelaySeconds(initialDelay)
        .withPeriodSeconds(10)
        .build();
  }

  /** The pod spec: hardened, spread over zones when {@code replicated}. */
  protected PodSpec podSpec(boolean replicated) {
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withServiceAccountName(name)
            .withTerminationGracePeriodSeconds((long) terminationGraceSeconds)
            .withSecurityContext(SecurityContexts.pod())
            .withContainers(container())
            .withNodeSelector(nodeSelector.isEmpty() ? null : new TreeMap<>(nodeSelector))
            .withTolerations(tolerations);
    if (replicated) {
      pod.addToTopologySpreadConstraints(spread("topology.kubernetes.io/zone"));
      if (spreadOverNodes) {
        pod.addToTopologySpreadConstraints(spread("kubernetes.io/hostname"));
      }
    }
    return pod.build();
  }

  private TopologySpreadConstraint spread(String topologyKey) {
    return new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(topologyKey)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector()
        .withMatchLabels(selector())
        .endLabelSelector()
        .build();
  }

  protected Map<String, String> templateLabels() {
    return objectLabels();
  }

  protected PodDisruptionBudget podDisruptionBudget() {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(objectLabels())
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(selector())
        .endSelector()
        .endSpec()
        .build();
  }

  /** Objects of this workload in a stable order. */
  @Override
  public abstract List<HasMetadata> resources();
}
