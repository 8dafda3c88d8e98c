package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generated Kustomize tree of the shape issue 3 benchmarks: a base of N services (Deployment,
 * Service, {@code autoscaling/v2} HorizontalPodAutoscaler, PodDisruptionBudget and ServiceAccount
 * each) and three overlays, each with one strategic-merge patch (env and resources of the
 * Deployment) and one {@code images:} entry per service, a {@code namespace} and {@code labels}
 * (templates, not selectors). It uses only fields treum's builder reads.
 */
public final class BenchmarkTree {
  /** The overlays every tree has. */
  public static final List<String> OVERLAYS = List.of("dev", "staging", "production");

  /** Objects each service contributes to the build of an overlay. */
  public static final int OBJECTS_PER_SERVICE = 5;

  /** Marks a folder this class wrote, the only kind it deletes before writing a new tree. */
  private static final String MARKER = ".treum-benchmark-tree";

  private static final String NAME_LABEL = "app.kubernetes.io/name";
  private static final String ENVIRONMENT_LABEL = "treum.io/environment";

  private final Path root;
  private final int services;

  private BenchmarkTree(Path root, int services) {
    this.root = root;
    this.services = services;
  }

  /**
   * Writes a tree of {@code services} services into {@code root}, replacing what was there.
   *
   * @throws UncheckedIOException when the tree cannot be written
   */
  public static BenchmarkTree write(Path root, int services, ManifestYaml yaml) {
    if (services < 1) {
      throw new IllegalArgumentException("a tree needs at least one service, not " + services);
    }
    BenchmarkTree tree = new BenchmarkTree(root, services);
    try {
      GeneratedFolder.replace(root, MARKER, BenchmarkTree.class);
      tree.writeBase(yaml);
      for (String overlay : OVERLAYS) {
        tree.writeOverlay(overlay, yaml);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the benchmark tree to " + root + ": " + e.getMessage(), e);
    }
    return tree;
  }

  public Path root() {
    return root;
  }

  public int services() {
    return services;
  }

  /** The folder of an overlay, the argument of {@code kustomize build}. */
  public Path overlay(String overlay) {
    return root.resolve("overlays").resolve(overlay);
  }

  /** How many objects the build of each overlay yields. */
  public int objectsPerOverlay() {
    return services * OBJECTS_PER_SERVICE;
  }

  /**
   * Checks the points of a built overlay that every transformation of the tree touches, for sizes
   * where no kustomize output is at hand: object count, namespace, labels, patched env and image.
   *
   * @return the problems found, empty for a correct build
   */
  public List<String> check(String overlay, List<? extends JsonNode> built) {
    List<String> problems = new ArrayList<>();
    if (built.size() != objectsPerOverlay()) {
      problems.add(
          overlay + ": expected " + objectsPerOverlay() + " objects, built " + built.size());
    }
    int deployments = 0;
    for (JsonNode object : built) {
      String id = object.path("kind").asText() + " " + object.path("metadata").path("name");
      if (!namespace(overlay).equals(object.path("metadata").path("namespace").asText())) {
        problems.add(overlay + ": " + id + " is not in namespace " + namespace(overlay));
      }
      if (!overlay.equals(
          object.path("metadata").path("labels").path(ENVIRONMENT_LABEL).asText())) {
        problems.add(overlay + ": " + id + " lacks label " + ENVIRONMENT_LABEL);
      }
      if (object.path("kind").asText().equals("Deployment")) {
        deployments++;
        int index = index(object.path("metadata").path("name").asText());
        JsonNode container = object.at("/spec/template/spec/containers/0");
        if (!image(overlay, index).equals(container.path("image").asText())) {
          problems.add(overlay + ": " + id + " has image " + container.path("image"));
        }
        if (!overlay.equals(
            object.at("/spec/template/metadata/labels").path(ENVIRONMENT_LABEL).asText())) {
          problems.add(overlay + ": " + id + " has no " + ENVIRONMENT_LABEL + " on its template");
        }
        if (container.path("env").size() != 3
            || !container.at("/resources/limits/memory").asText().equals("512Mi")) {
          problems.add(overlay + ": " + id + " was not patched: " + container);
        }
      }
    }
    if (deployments != services) {
      problems.add(overlay + ": expected " + services + " Deployments, built " + deployments);
    }
    return problems;
  }

  static String service(int index) {
    return String.format("svc-%04d", index);
  }

  static String namespace(String overlay) {
    return "bench-" + overlay;
  }

  /** The image a service's container has after the build of an overlay. */
  static String image(String overlay, int index) {
    return "registry.example.com/" + overlay + "/" + service(index) + ":" + tag(overlay, index);
  }

  private static String tag(String overlay, int index) {
    return "1." + OVERLAYS.indexOf(overlay) + "." + index;
  }

  private static int index(String service) {
    return Integer.parseInt(service.substring("svc-".length()));
  }

  private void writeBase(ManifestYaml yaml) throws IOException {
    Path base = root.resolve("base");
    ArrayNode resources = ManifestYaml.newArray();
    for (int i = 1; i <= services; i++) {
      String name = service(i);
      for (Object resource : baseResources(name)) {
        ObjectNode tree = yaml.toTree(resource);
        String file =
            name + "/" + tree.path("kind").asText().toLowerCase(Locale.ROOT) + "-" + name + ".yaml";
        GeneratedFolder.writeFile(base.resolve(file), yaml.write(tree));
        resources.add(file);
      }
    }
    ObjectNode kustomization = kustomization();
    kustomization.set("resources", resources);
    GeneratedFolder.writeFile(base.resolve("kustomization.yaml"), yaml.write(kustomization));
  }

  private void writeOverlay(String overlay, ManifestYaml yaml) throws IOException {
    Path folder = overlay(overlay);
    ArrayNode patches = ManifestYaml.newArray();
    ArrayNode images = ManifestYaml.newArray();
    for (int i = 1; i <= services; i++) {
      String name = service(i);
      String file = "patches/deployment-" + name + ".yaml";
      GeneratedFolder.writeFile(
          folder.resolve(file), yaml.write(yaml.toTree(patch(overlay, name))));
      patches.addObject().put("path", file);
      images
          .addObject()
          .put("name", name)
          .put("newName", "registry.example.com/" + overlay + "/" + name)
          .put("newTag", tag(overlay, i));
    }
    ObjectNode kustomization = kustomization();
    kustomization.putArray("resources").add("../../base");
    kustomization.put("namespace", namespace(overlay));
    ObjectNode labels = kustomization.putArray("labels").addObject();
    labels.putObject("pairs").put(ENVIRONMENT_LABEL, overlay);
    labels.put("includeSelectors", false);
    labels.put("includeTemplates", true);
    kustomization.set("patches", patches);
    kustomization.set("images", images);
    GeneratedFolder.writeFile(folder.resolve("kustomization.yaml"), yaml.write(kustomization));
  }

  private static ObjectNode kustomization() {
    ObjectNode kustomization = ManifestYaml.newObject();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    return kustomization;
  }

  private static List<Object> baseResources(String name) {
    Map<String, String> labels = Map.of(NAME_LABEL, name);
    return List.of(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(name)
            .withContainers(
                new ContainerBuilder()
                    .withName("app")
                    .withImage(name)
                    .addNewPort()
                    .withName("http")
                    .withContainerPort(8080)
                    .endPort()
                    .addNewEnv()
                    .withName("SERVICE_NAME")
                    .withValue(name)
                    .endEnv()
                    .withNewResources()
                    .addToRequests("cpu", new Quantity("100m"))
                    .addToRequests("memory", new Quantity("128Mi"))
                    .endResources()
                    .withNewReadinessProbe()
                    .withNewHttpGet()
                    .withPath("/ready")
                    .withPort(new IntOrString("http"))
                    .endHttpGet()
                    .endReadinessProbe()
                    .build())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build(),
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withSelector(labels)
            .addNewPort()
            .withName("http")
            .withPort(80)
            .withTargetPort(new IntOrString("http"))
            .endPort()
            .endSpec()
            .build(),
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName(name)
            .endScaleTargetRef()
            .withMinReplicas(2)
            .withMaxReplicas(10)
            .addNewMetric()
            .withType("Resource")
            .withNewResource()
            .withName("cpu")
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(70)
            .endTarget()
            .endResource()
            .endMetric()
            .endSpec()
            .build(),
        new PodDisruptionBudgetBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withMinAvailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .endSpec()
            .build(),
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .build());
  }

  /** The overlay's strategic-merge patch of a service's Deployment: env and resources. */
  private static Object patch(String overlay, String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .withContainers(
            new ContainerBuilder()
                .withName("app")
                .addNewEnv()
                .withName("ENVIRONMENT")
                .withValue(overlay)
                .endEnv()
                .addNewEnv()
                .withName("LOG_LEVEL")
                .withValue(overlay.equals("production") ? "info" : "debug")
                .endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
