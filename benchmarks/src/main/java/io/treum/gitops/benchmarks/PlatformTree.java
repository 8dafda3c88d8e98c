package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.policy.EnvironmentProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generated platform of the shape the TREUM platform renders (issue 4's validate benchmark): per
 * service the objects of {@code treum-api} — a Deployment with probes, resources, security context
 * and zone spread, a Service, a PodDisruptionBudget and a ServiceAccount in the base, and an {@code
 * autoscaling/v2} HorizontalPodAutoscaler in each primary overlay — and three environments with
 * their {@value EnvironmentProfile#FILE_NAME}: {@code production} (the primary, {@code
 * ap-south-1}), {@code staging} (a non-production primary) and {@code dr} (the standby of
 * production in {@code ap-southeast-1}, a fixed replica count and no HPAs).
 *
 * <p>Every service is a copy of {@code treum-api} with its own name, team and size, so the policies
 * find what they find on TREUM: no errors, and per service the warnings CAP-001 (no capacity type),
 * AZ-002 (no host spread, info) and, where an HPA scales meshed pods, HPA-006 twice.
 *
 * <p>The overlays use Kustomize idioms whose cost grows linearly with the services: one {@code
 * images} entry (all services run the {@code treum-service} image, like treum-api), and targeted
 * JSON 6902 patches instead of one patch file per service. One patch per service makes both
 * builders quadratic; that is the Kustomize benchmark's subject, while this tree is about
 * validating.
 */
public final class PlatformTree {
  /** The environments of every tree, by name: the order in which treum lists overlays. */
  public static final List<String> ENVIRONMENTS = List.of("dr", "production", "staging");

  /** The namespace of every object. */
  static final String NAMESPACE = "treum";

  /** The image every service runs, as the base names it. */
  static final String IMAGE = "treum-service";

  static final String ACCOUNT = "111122223333";

  /** Objects each service adds to an environment with HPAs (the primaries). */
  static final int OBJECTS_WITH_HPA = 5;

  /** Objects each service adds to the standby. */
  static final int OBJECTS_WITHOUT_HPA = 4;

  /** The replicas of every standby Deployment: 0.3 × the primary's HPA minimum of 5, rounded. */
  static final int STANDBY_REPLICAS = 2;

  /** Marks a folder this class wrote, the only kind it deletes before writing a new tree. */
  private static final String MARKER = ".treum-benchmark-platform";

  private static final String NAME_LABEL = "app.kubernetes.io/name";

  /** Requests and memory limit of the service sizes, chosen by the service's number. */
  private static final List<List<String>> SIZES =
      List.of(
          List.of("250m", "512Mi", "1Gi"),
          List.of("500m", "1Gi", "2Gi"),
          List.of("1", "2Gi", "4Gi"));

  private static final int TEAMS = 12;

  private final Path root;
  private final int services;

  private PlatformTree(Path root, int services) {
    this.root = root;
    this.services = services;
  }

  /** One environment: its profile and what its overlay adds to the base. */
  private record Environment(
      String name, String role, String region, ObjectNode parameters, int hpaMinimum) {
    boolean primary() {
      return role.equals("primary");
    }
  }

  private static final Map<String, Environment> PROFILES =
      Map.of(
          "production",
          new Environment("production", "primary", "ap-south-1", account(), 5),
          "staging",
          new Environment(
              "staging", "primary", "ap-south-1", account().put("tier", "non-production"), 2),
          "dr",
          new Environment(
              "dr",
              "standby",
              "ap-southeast-1",
              account().put("capacityFactor", 0.3).put("primary", "production"),
              0));

  private static ObjectNode account() {
    return ManifestYaml.newObject().put("account", ACCOUNT);
  }

  /**
   * Writes a platform of {@code services} services into {@code root}, replacing what was there.
   *
   * @throws UncheckedIOException when the tree cannot be written
   */
  public static PlatformTree write(Path root, int services, ManifestYaml yaml) {
    if (services < 1) {
      throw new IllegalArgumentException("a platform needs at least one service, not " + services);
    }
    PlatformTree tree = new PlatformTree(root, services);
    try {
      GeneratedFolder.replace(root, MARKER, PlatformTree.class);
      tree.writeBase(yaml);
      for (String environment : ENVIRONMENTS) {
        tree.writeOverlay(PROFILES.get(environment), yaml);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the benchmark platform to " + root + ": " + e.getMessage(), e);
    }
    return tree;
  }

  public Path root() {
    return root;
  }

  public int services() {
    return services;
  }

  /** The folder of an environment's overlay, the argument of {@code kustomize build}. */
  public Path overlay(String environment) {
    return root.resolve("overlays").resolve(environment);
  }

  /** How many objects the build of an environment yields. */
  public int objects(String environment) {
    return services
        * (PROFILES.get(environment).primary() ? OBJECTS_WITH_HPA : OBJECTS_WITHOUT_HPA);
  }

  /** How many objects the builds of all environments yield together. */
  public int objects() {
    return ENVIRONMENTS.stream().mapToInt(this::objects).sum();
  }

  static String service(int index) {
    return String.format(Locale.ROOT, "svc-%04d", index);
  }

  private void writeBase(ManifestYaml yaml) throws IOException {
    Path base = root.resolve("base");
    ArrayNode resources = ManifestYaml.newArray();
    for (int i = 1; i <= services; i++) {
      String name = service(i);
      for (Object resource : baseResources(i)) {
        resources.add(writeResource(base, name, yaml.toTree(resource), yaml));
      }
    }
    ObjectNode kustomization = kustomization();
    kustomization.set("resources", resources);
    GeneratedFolder.writeFile(base.resolve("kustomization.yaml"), yaml.write(kustomization));
  }

  /** Writes {@code <name>/<kind>-<name>.yaml} under {@code folder} and returns its path there. */
  private static String writeResource(
      Path folder, String name, ObjectNode object, ManifestYaml yaml) throws IOException {
    String file =
        name + "/" + object.path("kind").asText().toLowerCase(Locale.ROOT) + "-" + name + ".yaml";
    GeneratedFolder.writeFile(folder.resolve(file), yaml.write(object));
    return file;
  }

  private void writeOverlay(Environment environment, ManifestYaml yaml) throws IOException {
    Path folder = overlay(environment.name());
    ArrayNode resources = ManifestYaml.newArray().add("../../base");
    if (environment.primary()) {
      for (int i = 1; i <= services; i++) {
        ObjectNode hpa = yaml.toTree(autoscaler(i, environment.hpaMinimum()));
        resources.add(writeResource(folder, service(i), hpa, yaml));
      }
    }
    ObjectNode kustomization = kustomization();
    kustomization.set("resources", resources);
    kustomization.put("namespace", NAMESPACE);
    ObjectNode labels = kustomization.putArray("labels").addObject();
    labels
        .putObject("pairs")
        .put("treum.io/environment", environment.name())
        .put("treum.io/region", environment.region());
    labels.put("includeSelectors", false);
    labels.put("includeTemplates", true);
    kustomization
        .putArray("images")
        .addObject()
        .put("name", IMAGE)
        .put("newName", ACCOUNT + ".dkr.ecr." + environment.region() + ".amazonaws.com/" + IMAGE)
        .put("newTag", "1.0.0");
    ArrayNode patches = kustomization.putArray("patches");
    patches.add(patch("Deployment", deploymentPatch(environment, yaml), yaml));
    patches.add(patch("ServiceAccount", serviceAccountPatch(environment), yaml));
    GeneratedFolder.writeFile(folder.resolve("kustomization.yaml"), yaml.write(kustomization));
    GeneratedFolder.writeFile(
        folder.resolve(EnvironmentProfile.FILE_NAME), yaml.write(profile(environment)));
  }

  /**
   * An inline JSON 6902 patch of every object of a kind, written as JSON: Kustomize trims the patch
   * text before parsing it, which breaks a YAML list written with indented items.
   */
  private static ObjectNode patch(String kind, ArrayNode operations, ManifestYaml yaml) {
    ObjectNode patch = ManifestYaml.newObject();
    patch.putObject("target").put("kind", kind);
    patch.put("patch", yaml.writeJson(operations));
    return patch;
  }

  /** The environment's values of the containers' env, and the standby's fixed replica count. */
  private static ArrayNode deploymentPatch(Environment environment, ManifestYaml yaml) {
    boolean standby = !environment.primary();
    String database =
        "treum-"
            + (standby ? "replica.cluster-ro-abc." : "primary.cluster-abc.")
            + environment.region()
            + ".rds.amazonaws.com";
    ArrayNode operations = ManifestYaml.newArray();
    List<EnvVar> env =
        List.of(
            new EnvVar("AWS_REGION", environment.region(), null),
            new EnvVar("DATABASE_ENDPOINT", database, null),
            new EnvVar("READ_ONLY", String.valueOf(standby), null));
    operations
        .addObject()
        .put("op", "replace")
        .put("path", "/spec/template/spec/containers/0/env")
        .set("value", yaml.toTree(Map.of("env", env)).get("env"));
    if (standby) {
      operations
          .addObject()
          .put("op", "add")
          .put("path", "/spec/replicas")
          .put("value", STANDBY_REPLICAS);
    }
    return operations;
  }

  private static ArrayNode serviceAccountPatch(Environment environment) {
    ArrayNode operations = ManifestYaml.newArray();
    ObjectNode annotations =
        operations
            .addObject()
            .put("op", "add")
            .put("path", "/metadata/annotations")
            .putObject("value");
    annotations.put(
        "eks.amazonaws.com/role-arn",
        "arn:aws:iam::" + ACCOUNT + ":role/treum-services-" + environment.region());
    return operations;
  }

  private static ObjectNode profile(Environment environment) {
    ObjectNode profile = ManifestYaml.newObject();
    profile.put("role", environment.role());
    profile.put("region", environment.region());
    profile.set("parameters", environment.parameters().deepCopy());
    return profile;
  }

  private static ObjectNode kustomization() {
    ObjectNode kustomization = ManifestYaml.newObject();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    return kustomization;
  }

  private static Map<String, String> labels(int index) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/component", "web");
    labels.put(NAME_LABEL, service(index));
    labels.put("cost-center", "cc-" + (index % TEAMS));
    labels.put("team", "team-" + (index % TEAMS));
    return labels;
  }

  /** The base objects of a service, as the TREUM platform renders treum-api. */
  private static List<Object> baseResources(int index) {
    String name = service(index);
    Map<String, String> labels = labels(index);
    Map<String, String> selector = Map.of(NAME_LABEL, name);
    return List.of(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withContainers(container(index))
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withServiceAccountName(name)
            .withTerminationGracePeriodSeconds(30L)
            .addNewTopologySpreadConstraint()
            .withNewLabelSelector()
            .withMatchLabels(selector)
            .endLabelSelector()
            .withMaxSkew(1)
            .withTopologyKey("topology.kubernetes.io/zone")
            .withWhenUnsatisfiable("ScheduleAnyway")
            .endTopologySpreadConstraint()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build(),
        new PodDisruptionBudgetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .endSpec()
            .build(),
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewPort()
            .withName("http")
            .withPort(80)
            .withProtocol("TCP")
            .withTargetPort(new IntOrString("http"))
            .endPort()
            .withSelector(selector)
            .endSpec()
            .build(),
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(labels)
            .endMetadata()
            .withAutomountServiceAccountToken(true)
            .build());
  }

  private static Container container(int index) {
    List<String> size = SIZES.get(index % SIZES.size());
    return new ContainerBuilder()
        .withName(service(index))
        .withImage(IMAGE)
        .addNewEnv()
        .withName("AWS_REGION")
        .endEnv()
        .addNewEnv()
        .withName("DATABASE_ENDPOINT")
        .endEnv()
        .addNewEnv()
        .withName("READ_ONLY")
        .endEnv()
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath("/healthz")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withInitialDelaySeconds(15)
        .withPeriodSeconds(10)
        .endLivenessProbe()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/ready")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withInitialDelaySeconds(5)
        .withPeriodSeconds(10)
        .endReadinessProbe()
        .withNewResources()
        .addToRequests("cpu", new Quantity(size.get(0)))
        .addToRequests("memory", new Quantity(size.get(1)))
        .addToRequests("ephemeral-storage", new Quantity("1Gi"))
        .addToLimits("memory", new Quantity(size.get(2)))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .build();
  }

  /** The HPA of a primary, as TREUM's production overlay has it for treum-api. */
  private static Object autoscaler(int index, int minimum) {
    String name = service(index);
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withLabels(labels(index))
        .endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(name)
        .endScaleTargetRef()
        .withMinReplicas(minimum)
        .withMaxReplicas(minimum * 20)
        .withMetrics(
            utilisation("cpu", 70),
            utilisation("memory", 80),
            new MetricSpecBuilder()
                .withType("Pods")
                .withNewPods()
                .withNewMetric()
                .withName("http_requests_per_second")
                .endMetric()
                .withNewTarget()
                .withType("AverageValue")
                .withAverageValue(new Quantity("1000"))
                .endTarget()
                .endPods()
                .build())
        .endSpec()
        .build();
  }

  private static MetricSpec utilisation(String resource, int percent) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName(resource)
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(percent)
        .endTarget()
        .endResource()
        .build();
  }
}
