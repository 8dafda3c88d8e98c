package io.treum.gitops.testing.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ManifestYaml;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Writes random Kustomize trees that use the features treum's builder implements: a base (maybe
 * with a nested base), maybe a second base and components, and the root overlay, with workloads,
 * Services, ConfigMaps, Secrets, RBAC, HPAs, CronJobs, Ingresses and custom resources, patched,
 * labelled, prefixed, namespaced and generated in random ways. Names, images and keys come from
 * small pools so that patches, references, selectors and generators meet what exists (and sometimes
 * do not, which must then fail in treum as in Kustomize).
 *
 * <p>A tree is a function of a seed and a set of {@link Feature}s: jqwik shrinks a failing tree by
 * dropping features.
 */
public final class KustomizeTreeGenerator {
  /** What a tree may use; each kustomization draws from the tree's set. */
  public enum Feature {
    NESTED_BASE,
    SECOND_BASE,
    COMPONENTS,
    NAMESPACE,
    NAME_PREFIX,
    NAME_SUFFIX,
    COMMON_LABELS,
    LABELS,
    COMMON_ANNOTATIONS,
    STRATEGIC_MERGE_PATCHES,
    JSON_PATCHES,
    DEPRECATED_FIELDS,
    IMAGES,
    REPLICAS,
    CONFIG_MAP_GENERATOR,
    SECRET_GENERATOR,
    GENERATOR_OPTIONS,
    SORT_OPTIONS,
    RBAC,
    CUSTOM_RESOURCES,
    LISTS,
    RESOURCE_NAMESPACES
  }

  /** Trees of a random seed and feature set. */
  public static Arbitrary<KustomizeTree> trees() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.of(Feature.class).set().ofMinSize(2).ofMaxSize(14))
        .as(KustomizeTreeGenerator::generate);
  }

  static final List<String> APPS = List.of("web", "api", "db", "worker");
  static final List<String> IMAGE_REPOSITORIES =
      List.of(
          "nginx", "busybox", "registry.example.com/team/app", "app", "docker.io/library/redis");
  static final List<String> TAGS = List.of("1.25", "2", "latest", "v1.2.3");
  static final List<String> DIGESTS =
      List.of("sha256:" + "0123456789abcdef".repeat(4), "sha256:" + "00ff".repeat(16));
  static final List<String> LABEL_KEYS =
      List.of("app", "team", "tier", "env", "app.kubernetes.io/part-of");
  static final List<String> VALUES = List.of("blue", "prod", "web", "true", "1", "a-b");
  static final List<String> ANNOTATION_KEYS =
      List.of("note", "example.com/owner", "team", "config.kubernetes.io/local-config");
  static final List<String> NAMESPACES = List.of("prod", "team-a", "default");
  static final List<String> PREFIXES = List.of("p-", "prod-", "x-");
  static final List<String> SUFFIXES = List.of("-v1", "-eu", "-2");
  static final List<String> DATA_KEYS = List.of("A", "B", "LOG_LEVEL", "config.json", "x.y");
  static final List<String> WORKLOAD_KINDS =
      List.of("Deployment", "Deployment", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

  /**
   * An object written into the tree, to aim patches, selectors and references at; {@code scope} is
   * the folder whose kustomization (and those including it) can see it.
   */
  private record Known(
      String apiVersion, String kind, String name, String app, String scope, ObjectNode object) {
    /** The namespace written on the object (set after it was remembered), or null. */
    String namespace() {
      JsonNode namespace = object.path("metadata").get("namespace");
      return namespace == null ? null : namespace.asText();
    }
  }

  private final ManifestYaml yaml = new ManifestYaml();
  private final Set<Feature> features;
  private final Random random;
  private final Map<String, String> files = new TreeMap<>();
  private final List<Known> known = new ArrayList<>();

  /** Generated ConfigMaps ({@code C/name}) and Secrets ({@code S/name}) by scope. */
  private final List<String[]> generated = new ArrayList<>();

  /** The folder whose objects are being written. */
  private String scope = "";

  /** The folders whose objects the kustomization being written sees. */
  private Set<String> visible = new HashSet<>();

  private KustomizeTreeGenerator(long seed, Set<Feature> features) {
    this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    this.random = new Random(seed);
  }

  /** The tree of a seed and a feature set. */
  public static KustomizeTree generate(long seed, Set<Feature> features) {
    KustomizeTreeGenerator generator = new KustomizeTreeGenerator(seed, features);
    generator.write();
    return new KustomizeTree(seed, generator.features, generator.files);
  }

  private boolean has(Feature feature) {
    return features.contains(feature);
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  // ---------------------------------------------------------------- the tree

  private void write() {
    List<String> apps = new ArrayList<>(APPS);
    Collections.shuffle(apps, random);
    List<String> baseReferences = new ArrayList<>();
    if (has(Feature.NESTED_BASE)) {
      base("base/nested", List.of(apps.get(2)), false, List.of(), null);
      baseReferences.add("nested");
    }
    String baseComponent = has(Feature.COMPONENTS) && chance(0.3) ? "components/base" : null;
    base("base", apps.subList(0, between(1, 2)), false, baseReferences, baseComponent);
    List<String> rootResources = new ArrayList<>(List.of("base"));
    if (has(Feature.SECOND_BASE)) {
      // an app of the first base again (kept apart by a prefix or a namespace, mostly) or another
      base("other", List.of(apps.get(chance(0.5) ? 0 : 3)), chance(0.85), List.of(), null);
      rootResources.add("other");
    }
    List<String> components = new ArrayList<>();
    visible = new HashSet<>();
    visible.add("");
    known.forEach(o -> visible.add(o.scope()));
    visible.add("components/one");
    visible.add("components/two");
    if (has(Feature.COMPONENTS)) {
      boolean nested = chance(0.3);
      if (nested) {
        component("components/two", List.of());
      }
      component("components/one", nested ? List.of("../two") : List.of());
      components.add("components/one");
      if (!nested && chance(0.4)) {
        component("components/two", List.of());
        components.add("components/two");
      }
    }
    overlay("", rootResources, components);
  }

  /**
   * A base with the bundles of some apps, maybe sub-bases and a component; {@code keepApart} gives
   * it a name prefix or a namespace so that the same apps elsewhere do not collide.
   */
  private void base(
      String dir,
      List<String> apps,
      boolean keepApart,
      List<String> subBases,
      String componentDir) {
    ObjectNode k = header(false);
    scope = dir;
    List<ObjectNode> objects = new ArrayList<>();
    for (String app : apps) {
      objects.addAll(bundle(app));
    }
    if (has(Feature.NAMESPACE) && chance(0.2)) {
      objects.add(obj("apiVersion", "v1", "kind", "Namespace", "metadata", obj("name", "apps")));
    }
    List<String> resources = new ArrayList<>(subBases);
    resources.addAll(resourceFiles(dir, objects));
    Collections.shuffle(resources, random);
    putList(k, has(Feature.DEPRECATED_FIELDS) && chance(0.3) ? "bases" : "resources", resources);
    Set<String> sees = new HashSet<>(Set.of(dir));
    subBases.forEach(sub -> sees.add(dir + "/" + sub));
    if (componentDir != null) {
      sees.add(componentDir);
      visible = sees;
      component(componentDir, List.of());
      putList(k, "components", List.of("../" + componentDir));
    }
    if (keepApart) {
      if (chance(0.7)) {
        k.put("namePrefix", "other-");
      } else {
        k.put("namespace", "elsewhere");
      }
    }
    visible = sees;
    transformers(dir, k, 0.35);
    kustomization(dir, k);
  }

  private void component(String dir, List<String> components) {
    ObjectNode k = header(true);
    scope = dir;
    if (chance(0.4)) {
      List<ObjectNode> objects = new ArrayList<>();
      String app = "extra-" + dir.substring(dir.lastIndexOf('/') + 1);
      objects.add(configMap(app + "-config", app));
      if (chance(0.5)) {
        objects.add(service(app));
      }
      putList(k, "resources", resourceFiles(dir, objects));
    }
    if (!components.isEmpty()) {
      putList(k, "components", components);
    }
    transformers(dir, k, 0.5);
    kustomization(dir, k);
  }

  private void overlay(String dir, List<String> bases, List<String> components) {
    ObjectNode k = header(false);
    scope = dir;
    List<String> resources = new ArrayList<>();
    List<String> deprecatedBases = new ArrayList<>();
    for (String base : bases) {
      if (has(Feature.DEPRECATED_FIELDS) && chance(0.4)) {
        deprecatedBases.add(base);
      } else {
        resources.add(base);
      }
    }
    if (chance(0.3)) {
      List<ObjectNode> local = new ArrayList<>();
      local.add(configMap("local-config", "local"));
      if (chance(0.5)) {
        local.add(workload("local"));
      }
      resources.addAll(resourceFiles(dir, local));
    }
    if (!resources.isEmpty()) {
      putList(k, "resources", resources);
    }
    if (!deprecatedBases.isEmpty()) {
      putList(k, "bases", deprecatedBases);
    }
    if (!components.isEmpty()) {
      putList(k, "components", components);
    }
    transformers(dir, k, 0.7);
    if (has(Feature.SORT_OPTIONS)) {
      k.set("sortOptions", sortOptions());
    }
    kustomization(dir, k);
  }

  private ObjectNode header(boolean component) {
    ObjectNode k = obj();
    if (component || chance(0.5)) {
      k.put(
          "apiVersion",
          component ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1");
      k.put("kind", component ? "Component" : "Kustomization");
    }
    return k;
  }

  private void kustomization(String dir, ObjectNode k) {
    String name = pick(List.of("kustomization.yaml", "kustomization.yaml", "kustomization.yml"));
    if (k.size() == 0 || (k.size() == 2 && k.has("kind"))) {
      // an empty kustomization is an error in Kustomize; give it something to do
      k.put("namePrefix", "e-");
    }
    files.put(path(dir, name), yaml.write(k));
  }

  private static String path(String dir, String file) {
    return dir.isEmpty() ? file : dir + "/" + file;
  }

  /** Writes objects into one to three files (some as a v1 List) and returns their names. */
  private List<String> resourceFiles(String dir, List<ObjectNode> objects) {
    List<String> names = new ArrayList<>();
    if (objects.isEmpty()) {
      return names;
    }
    int count = Math.min(objects.size(), between(1, 3));
    List<List<ObjectNode>> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      groups.add(new ArrayList<>());
    }
    for (ObjectNode object : objects) {
      groups.get(random.nextInt(count)).add(object);
    }
    int n = 0;
    for (List<ObjectNode> group : groups) {
      if (group.isEmpty()) {
        continue;
      }
      String file = "objects-" + (n++) + ".yaml";
      List<JsonNode> documents = new ArrayList<>();
      if (has(Feature.LISTS) && chance(0.4)) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        group.forEach(items::add);
        documents.add(obj("apiVersion", "v1", "kind", "List", "items", items));
      } else {
        documents.addAll(group);
      }
      files.put(path(dir, file), yaml.writeStream(documents));
      names.add(file);
    }
    return names;
  }

  // ---------------------------------------------------------------- objects

  private List<ObjectNode> bundle(String app) {
    List<ObjectNode> objects = new ArrayList<>();
    ObjectNode workload = workload(app);
    objects.add(workload);
    if (chance(0.8)) {
      objects.add(service(app));
    }
    if (chance(0.5)) {
      objects.add(configMap(app + "-config", app));
    }
    if (chance(0.3)) {
      objects.add(secret(app + "-secret", app));
    }
    if (chance(0.5)) {
      objects.add(
          remember(
              obj("apiVersion", "v1", "kind", "ServiceAccount", "metadata", meta(app, app)), app));
    }
    if (chance(0.3)) {
      objects.add(
          remember(
              obj(
                  "apiVersion",
                  "autoscaling/v2",
                  "kind",
                  "HorizontalPodAutoscaler",
                  "metadata",
                  meta(app, app),
                  "spec",
                  obj(
                      "scaleTargetRef",
                      obj(
                          "apiVersion",
                          workload.get("apiVersion").asText(),
                          "kind",
                          workload.get("kind").asText(),
                          "name",
                          app),
                      "minReplicas",
                      1,
                      "maxReplicas",
                      4)),
              app));
    }
    if (chance(0.2)) {
      objects.add(
          remember(
              obj(
                  "apiVersion",
                  "policy/v1",
                  "kind",
                  "PodDisruptionBudget",
                  "metadata",
                  meta(app, app),
                  "spec",
                  obj("minAvailable", 1, "selector", obj("matchLabels", obj("app", app)))),
              app));
    }
    if (chance(0.15)) {
      objects.add(cronJob(app));
    }
    if (chance(0.2)) {
      objects.add(ingress(app));
    }
    if (has(Feature.RBAC) && chance(0.7)) {
      objects.addAll(rbac(app));
    }
    if (has(Feature.CUSTOM_RESOURCES) && chance(0.6)) {
      objects.add(widget(app));
      if (chance(0.3)) {
        objects.add(
            remember(
                obj(
                    "apiVersion",
                    "example.com/v1",
                    "kind",
                    "ClusterWidget",
                    "metadata",
                    obj("name", app + "-cluster"),
                    "spec",
                    obj("configMapName", app + "-config")),
                app));
      }
    }
    if (has(Feature.RESOURCE_NAMESPACES)) {
      for (ObjectNode object : objects) {
        if (chance(0.3)) {
          ((ObjectNode) object.get("metadata")).put("namespace", pick(NAMESPACES));
        }
      }
    }
    return objects;
  }

  private ObjectNode remember(ObjectNode object, String app) {
    known.add(
        new Known(
            object.get("apiVersion").asText(),
            object.get("kind").asText(),
            object.get("metadata").get("name").asText(),
            app,
            scope,
            object));
    return object;
  }

  private ObjectNode meta(String name, String app) {
    ObjectNode metadata = obj("name", name);
    if (chance(0.6)) {
      metadata.set("labels", obj("app", app));
      if (chance(0.3)) {
        ((ObjectNode) metadata.get("labels")).put("tier", pick(List.of("front", "back")));
      }
    }
    if (chance(0.25)) {
      metadata.set("annotations", obj(pick(ANNOTATION_KEYS.subList(0, 3)), pick(VALUES)));
    }
    return metadata;
  }

  private String image() {
    String repository = pick(IMAGE_REPOSITORIES);
    return switch (random.nextInt(4)) {
      case 0 -> repository;
      case 1 -> repository + ":" + pick(TAGS);
      case 2 -> repository + "@" + pick(DIGESTS);
      default -> repository + ":" + pick(TAGS) + "@" + pick(DIGESTS);
    };
  }

  private String configName(String app) {
    return pick(List.of(app + "-config", "shared", app + "-env"));
  }

  private String secretName(String app) {
    return pick(List.of(app + "-secret", "shared-secret"));
  }

  private ObjectNode container(String name, String app) {
    ObjectNode container = obj("name", name, "image", image());
    if (chance(0.6)) {
      ArrayNode ports = arr(obj("containerPort", 8080, "name", "http"));
      if (chance(0.3)) {
        ports.add(obj("containerPort", 53, "protocol", "UDP", "name", "dns"));
      }
      container.set("ports", ports);
    }
    if (chance(0.6)) {
      ArrayNode env = arr(obj("name", "MODE", "value", pick(VALUES)));
      if (chance(0.5)) {
        env.add(
            obj(
                "name",
                "FROM_CONFIG",
                "valueFrom",
                obj("configMapKeyRef", obj("name", configName(app), "key", pick(DATA_KEYS)))));
      }
      if (chance(0.3)) {
        env.add(
            obj(
                "name",
                "FROM_SECRET",
                "valueFrom",
                obj("secretKeyRef", obj("name", secretName(app), "key", "password"))));
      }
      if (chance(0.3)) {
        env.add(obj("name", "LAST", "value", "$(MODE)"));
      }
      container.set("env", env);
    }
    if (chance(0.4)) {
      ArrayNode envFrom = arr(obj("configMapRef", obj("name", configName(app))));
      if (chance(0.3)) {
        envFrom.add(obj("secretRef", obj("name", secretName(app))));
      }
      container.set("envFrom", envFrom);
    }
    if (chance(0.3)) {
      container.set("args", arr("--port=8080", "--verbose"));
    }
    if (chance(0.3)) {
      container.set("volumeMounts", arr(obj("name", "config", "mountPath", "/etc/config")));
    }
    if (chance(0.3)) {
      container.set("resources", obj("limits", obj("cpu", "1", "memory", "1Gi")));
    }
    return container;
  }

  private ObjectNode workload(String app) {
    String kind = pick(WORKLOAD_KINDS);
    ObjectNode podSpec = obj();
    if (chance(0.5)) {
      podSpec.put("serviceAccountName", app);
    }
    ArrayNode containers = arr(container(app, app));
    if (chance(0.3)) {
      containers.add(container("sidecar", app));
    }
    if (chance(0.2)) {
      podSpec.set("initContainers", arr(container("init", app)));
    }
    podSpec.set("containers", containers);
    if (chance(0.4)) {
      ArrayNode volumes = arr(obj("name", "config", "configMap", obj("name", configName(app))));
      if (chance(0.4)) {
        volumes.add(obj("name", "secret", "secret", obj("secretName", secretName(app))));
      }
      if (chance(0.2)) {
        volumes.add(
            obj(
                "name",
                "projected",
                "projected",
                obj(
                    "sources",
                    arr(
                        obj("configMap", obj("name", configName(app))),
                        obj("secret", obj("name", secretName(app)))))));
      }
      podSpec.set("volumes", volumes);
    }
    if (chance(0.2)) {
      podSpec.set("tolerations", arr(obj("key", "dedicated", "operator", "Exists")));
    }
    if (chance(0.15)) {
      podSpec.set("imagePullSecrets", arr(obj("name", secretName(app))));
    }
    ObjectNode spec = obj();
    if (!kind.equals("DaemonSet") && chance(0.6)) {
      spec.put("replicas", between(1, 3));
    }
    spec.set("selector", obj("matchLabels", obj("app", app)));
    if (kind.equals("StatefulSet")) {
      spec.put("serviceName", app);
    }
    spec.set("template", obj("metadata", obj("labels", obj("app", app)), "spec", podSpec));
    if (kind.equals("StatefulSet") && chance(0.5)) {
      spec.set(
          "volumeClaimTemplates",
          arr(
              obj(
                  "metadata",
                  obj("name", "data"),
                  "spec",
                  obj("accessModes", arr("ReadWriteOnce")))));
    }
    return remember(
        obj("apiVersion", "apps/v1", "kind", kind, "metadata", meta(app, app), "spec", spec), app);
  }

  private ObjectNode service(String app) {
    ArrayNode ports = arr(obj("port", 80, "targetPort", 8080, "name", "http"));
    if (chance(0.3)) {
      ports.add(obj("port", 53, "protocol", "UDP", "name", "dns"));
    }
    return remember(
        obj(
            "apiVersion",
            "v1",
            "kind",
            "Service",
            "metadata",
            meta(app, app),
            "spec",
            obj("selector", obj("app", app), "ports", ports)),
        app);
  }

  private ObjectNode configMap(String name, String app) {
    ObjectNode data = obj();
    for (int i = between(0, 2); i > 0; i--) {
      data.put(pick(DATA_KEYS), pick(VALUES));
    }
    ObjectNode object = obj("apiVersion", "v1", "kind", "ConfigMap", "metadata", meta(name, app));
    if (!data.isEmpty()) {
      object.set("data", data);
    }
    return remember(object, app);
  }

  private ObjectNode secret(String name, String app) {
    return remember(
        obj(
            "apiVersion", "v1",
            "kind", "Secret",
            "metadata", obj("name", name),
            "type", "Opaque",
            "data", obj("password", Base64.getEncoder().encodeToString(pick(VALUES).getBytes()))),
        app);
  }

  private ObjectNode cronJob(String app) {
    return remember(
        obj(
            "apiVersion",
            "batch/v1",
            "kind",
            "CronJob",
            "metadata",
            meta(app + "-cron", app),
            "spec",
            obj(
                "schedule",
                "0 * * * *",
                "jobTemplate",
                obj(
                    "spec",
                    obj(
                        "template",
                        obj(
                            "spec",
                            obj(
                                "restartPolicy",
                                "Never",
                                "serviceAccountName",
                                app,
                                "containers",
                                arr(container("job", app)))))))),
        app);
  }

  private ObjectNode ingress(String app) {
    return remember(
        obj(
            "apiVersion",
            "networking.k8s.io/v1",
            "kind",
            "Ingress",
            "metadata",
            meta(app, app),
            "spec",
            obj(
                "tls",
                arr(obj("hosts", arr(app + ".example.com"), "secretName", secretName(app))),
                "rules",
                arr(
                    obj(
                        "host",
                        app + ".example.com",
                        "http",
                        obj(
                            "paths",
                            arr(
                                obj(
                                    "path",
                                    "/",
                                    "pathType",
                                    "Prefix",
                                    "backend",
                                    obj(
                                        "service",
                                        obj("name", app, "port", obj("number", 80)))))))))),
        app);
  }

  private List<ObjectNode> rbac(String app) {
    List<ObjectNode> objects = new ArrayList<>();
    boolean cluster = chance(0.4);
    String roleKind = cluster ? "ClusterRole" : "Role";
    ObjectNode rule =
        obj(
            "apiGroups",
            arr(""),
            "resources",
            arr("configmaps"),
            "verbs",
            arr("get"),
            "resourceNames",
            arr(app + "-config"));
    objects.add(
        remember(
            obj(
                "apiVersion",
                "rbac.authorization.k8s.io/v1",
                "kind",
                roleKind,
                "metadata",
                meta(app, app),
                "rules",
                arr(rule)),
            app));
    ObjectNode subject = obj("kind", "ServiceAccount", "name", pick(List.of(app, "default")));
    if (cluster || chance(0.5)) {
      subject.put("namespace", pick(NAMESPACES));
    }
    ArrayNode subjects = arr(subject);
    if (chance(0.3)) {
      subjects.add(obj("kind", "User", "name", "alice", "apiGroup", "rbac.authorization.k8s.io"));
    }
    objects.add(
        remember(
            obj(
                "apiVersion",
                "rbac.authorization.k8s.io/v1",
                "kind",
                cluster && chance(0.7) ? "ClusterRoleBinding" : "RoleBinding",
                "metadata",
                meta(app, app),
                "roleRef",
                obj("apiGroup", "rbac.authorization.k8s.io", "kind", roleKind, "name", app),
                "subjects",
                subjects),
            app));
    return objects;
  }

  private ObjectNode widget(String app) {
    return remember(
        obj(
            "apiVersion",
            "example.com/v1",
            "kind",
            "Widget",
            "metadata",
            meta(app, app),
            "spec",
            obj(
                "configMapName",
                app + "-config",
                "items",
                arr(obj("name", "a", "v", 1), obj("name", "b", "v", 2)),
                "template",
                obj("spec", obj("containers", arr(obj("name", "w", "image", image())))))),
        app);
  }

  // ---------------------------------------------------------------- transformers

  /** The transformer fields of one kustomization, each with probability {@code p} if enabled. */
  private void transformers(String dir, ObjectNode k, double p) {
    if (has(Feature.CONFIG_MAP_GENERATOR) && chance(p)) {
      k.set("configMapGenerator", generators(dir, false));
    }
    if (has(Feature.SECRET_GENERATOR) && chance(p)) {
      k.set("secretGenerator", generators(dir, true));
    }
    if (has(Feature.GENERATOR_OPTIONS) && chance(p)) {
      k.set("generatorOptions", generatorOptions());
    }
    if (has(Feature.NAMESPACE) && chance(p)) {
      k.put("namespace", pick(NAMESPACES));
    }
    if (has(Feature.NAME_PREFIX) && chance(p) && !k.has("namePrefix")) {
      k.put("namePrefix", pick(PREFIXES));
    }
    if (has(Feature.NAME_SUFFIX) && chance(p)) {
      k.put("nameSuffix", pick(SUFFIXES));
    }
    if (has(Feature.COMMON_LABELS) && chance(p)) {
      k.set("commonLabels", pairs(LABEL_KEYS));
    }
    if (has(Feature.LABELS) && chance(p)) {
      ArrayNode labels = arr();
      for (int i = between(1, 2); i > 0; i--) {
        ObjectNode label = obj("pairs", pairs(LABEL_KEYS));
        if (chance(0.4)) {
          label.put("includeSelectors", chance(0.5));
        }
        if (chance(0.4)) {
          label.put("includeTemplates", chance(0.7));
        }
        if (chance(0.1)) {
          label.set(
              "fields",
              arr(obj("kind", "Widget", "path", "spec/template/metadata/labels", "create", true)));
        }
        labels.add(label);
      }
      k.set("labels", labels);
    }
    if (has(Feature.COMMON_ANNOTATIONS) && chance(p)) {
      k.set("commonAnnotations", pairs(ANNOTATION_KEYS.subList(0, 3)));
    }
    if (has(Feature.STRATEGIC_MERGE_PATCHES) && chance(p)) {
      strategicMergePatches(dir, k);
    }
    if (has(Feature.JSON_PATCHES) && chance(p)) {
      jsonPatches(dir, k);
    }
    if (has(Feature.IMAGES) && chance(p)) {
      ArrayNode images = arr();
      for (int i = between(1, 3); i > 0; i--) {
        images.add(imageEntry());
      }
      k.set(has(Feature.DEPRECATED_FIELDS) && chance(0.3) ? "imageTags" : "images", images);
    }
    if (has(Feature.REPLICAS) && chance(p)) {
      List<String> workloads = new ArrayList<>();
      for (Known object : visibleObjects()) {
        if (WORKLOAD_KINDS.contains(object.kind()) && !object.kind().equals("DaemonSet")) {
          workloads.add(object.name());
        }
      }
      // a name no workload has is an error in Kustomize: rarely
      String name = workloads.isEmpty() || chance(0.01) ? "nothing" : pick(workloads);
      if (!name.equals("nothing") || chance(0.2)) {
        k.set("replicas", arr(obj("name", name, "count", between(0, 5))));
      }
    }
  }

  private ObjectNode pairs(List<String> keys) {
    ObjectNode pairs = obj();
    for (int i = between(1, 2); i > 0; i--) {
      pairs.put(pick(keys), pick(VALUES));
    }
    return pairs;
  }

  private ObjectNode generatorOptions() {
    ObjectNode options = obj();
    if (chance(0.5)) {
      options.set("labels", obj(pick(LABEL_KEYS), pick(VALUES)));
    }
    if (chance(0.4)) {
      options.set("annotations", obj(pick(ANNOTATION_KEYS.subList(0, 3)), pick(VALUES)));
    }
    if (chance(0.3)) {
      options.put("disableNameSuffixHash", chance(0.7));
    }
    if (chance(0.2)) {
      options.put("immutable", true);
    }
    return options;
  }

  private ArrayNode generators(String dir, boolean secret) {
    ArrayNode entries = arr();
    List<String> names = new ArrayList<>();
    for (String app : visibleApps()) {
      names.add(secret ? app + "-secret" : app + "-config");
      names.add(secret ? "shared-secret" : "shared");
      names.add(app + "-env");
    }
    if (names.isEmpty()) {
      names.add(secret ? "shared-secret" : "shared");
    }
    for (int i = between(1, 2); i > 0; i--) {
      String name = pick(names);
      ObjectNode entry = obj("name", name);
      String id = (secret ? "S/" : "C/") + name;
      boolean existing = false;
      // what exists when this kustomization's generators run: its own earlier entries and
      // what its resources hold; its components come later
      for (String[] g : generated) {
        existing |= seenByGenerators(g[0]) && g[1].equals(id);
      }
      for (Known object : visibleObjects()) {
        existing |=
            seenByGenerators(object.scope())
                && object.kind().equals(secret ? "Secret" : "ConfigMap")
                && object.name().equals(name)
                && object.namespace() == null;
      }
      if (existing ? chance(0.95) : chance(0.01)) {
        entry.put("behavior", pick(List.of("merge", "merge", "replace")));
      } else {
        if (chance(0.1)) {
          entry.put("behavior", "create");
        }
        if (scope.startsWith("components/")) {
          // the including kustomization's generators (written later) run first: keep apart
          name = name + "-" + scope.substring(scope.lastIndexOf('/') + 1);
          id = (secret ? "S/" : "C/") + name;
          entry.put("name", name);
        }
      }
      String namespace = !entry.has("behavior") && chance(0.1) ? pick(NAMESPACES) : "default";
      if (!namespace.equals("default") || chance(0.1)) {
        entry.put("namespace", namespace);
      }
      // the id it has ("default" is no namespace); only those in the default one are merged into
      generated.add(new String[] {scope, namespace.equals("default") ? id : id + "@" + namespace});
      if (secret && chance(0.3)) {
        entry.put("type", pick(List.of("Opaque", "kubernetes.io/basic-auth")));
      }
      // keys repeat across literals, env files and files only sometimes (an error in Kustomize)
      List<String> keys =
          new ArrayList<>(List.of("A", "B", "LOG_LEVEL", "MODE", "export_me", "SPACED "));
      Collections.shuffle(keys, random);
      boolean repeat = chance(0.05);
      boolean any = false;
      if (chance(0.7)) {
        ArrayNode literals = arr();
        for (int j = between(1, 2); j > 0; j--) {
          String value = pick(VALUES);
          String key = repeat ? keys.get(0) : keys.remove(0);
          literals.add(
              key.trim()
                  + "="
                  + (chance(0.2) ? "\"" + value + "\"" : chance(0.1) ? value + "=x" : value));
        }
        entry.set("literals", literals);
        any = true;
      }
      if (chance(0.4)) {
        String file = "data-" + random.nextInt(3) + ".json";
        files.put(path(dir, file), "{\"value\": \"" + pick(VALUES) + "\"}\n");
        entry.set("files", arr(chance(0.5) ? file : "config.json=" + file));
        any = true;
      }
      if (!any || chance(0.3)) {
        String file = name + ".env";
        StringBuilder env = new StringBuilder("# settings\n");
        for (int j = between(1, 2); j > 0; j--) {
          env.append(repeat ? keys.get(0) : keys.remove(0))
              .append(chance(0.9) ? "=" + pick(VALUES) : "")
              .append('\n');
        }
        files.put(path(dir, file), env.toString());
        if (has(Feature.DEPRECATED_FIELDS) && chance(0.5)) {
          entry.put("env", file);
        } else {
          entry.set("envs", arr(file));
        }
      }
      if (has(Feature.GENERATOR_OPTIONS) && chance(0.4)) {
        entry.set("options", generatorOptions());
      }
      entries.add(entry);
    }
    return entries;
  }

  /**
   * Whether a kustomization's generators see what was written in {@code objectScope}: its own and
   * its bases' objects; components run after the generators (and nested ones after their parent's),
   * so theirs are left out.
   */
  private boolean seenByGenerators(String objectScope) {
    return objectScope.equals(scope)
        || (visible.contains(objectScope) && !objectScope.startsWith("components/"));
  }

  private ObjectNode imageEntry() {
    ObjectNode entry = obj("name", pick(IMAGE_REPOSITORIES));
    switch (random.nextInt(6)) {
      case 0 -> entry.put("newTag", pick(TAGS));
      case 1 -> entry.put("newName", "mirror.example.com/" + pick(APPS));
      case 2 -> entry.put("digest", pick(DIGESTS));
      case 3 -> entry.put("newTag", pick(TAGS)).put("digest", pick(DIGESTS));
      case 4 -> entry.put("tagSuffix", "-fips");
      default -> entry.put("newName", "mirror.example.com/x").put("newTag", pick(TAGS));
    }
    return entry;
  }

  private ObjectNode sortOptions() {
    if (chance(0.5)) {
      return obj("order", "fifo");
    }
    ObjectNode options = obj("order", "legacy");
    if (chance(0.6)) {
      List<String> kinds =
          new ArrayList<>(List.of("Service", "ConfigMap", "Deployment", "Secret", "Widget"));
      Collections.shuffle(kinds, random);
      options.set(
          "legacySortOptions",
          obj("orderFirst", arr(kinds.get(0), kinds.get(1)), "orderLast", arr(kinds.get(2))));
    }
    return options;
  }

  // ---------------------------------------------------------------- patches

  private List<Known> visibleObjects() {
    List<Known> objects = new ArrayList<>();
    for (Known object : known) {
      if (visible.contains(object.scope())) {
        objects.add(object);
      }
    }
    return objects;
  }

  private List<String> visibleApps() {
    List<String> apps = new ArrayList<>();
    for (Known object : visibleObjects()) {
      if (!apps.contains(object.app())) {
        apps.add(object.app());
      }
    }
    return apps;
  }

  private Known target() {
    List<Known> objects = visibleObjects();
    if (objects.isEmpty() || chance(0.01)) {
      return new Known("v1", "ConfigMap", "missing", "missing", scope, obj());
    }
    return pick(objects);
  }

  private void strategicMergePatches(String dir, ObjectNode k) {
    ArrayNode patches = k.has("patches") ? (ArrayNode) k.get("patches") : arr();
    ArrayNode deprecated = arr();
    for (int i = between(1, 3); i > 0; i--) {
      Known target = target();
      ObjectNode patch = strategicMergePatch(target);
      String text = yaml.write(patch);
      boolean targeted = chance(0.3);
      if (has(Feature.DEPRECATED_FIELDS) && !targeted && chance(0.4)) {
        if (chance(0.5)) {
          deprecated.add(text);
        } else {
          String file = "smp-" + i + ".yaml";
          files.put(path(dir, file), text);
          deprecated.add(file);
        }
        continue;
      }
      ObjectNode entry = obj();
      if (chance(0.5)) {
        String file = "smp-" + i + ".yaml";
        files.put(path(dir, file), text);
        entry.put("path", file);
      } else {
        entry.put("patch", text);
      }
      if (targeted) {
        entry.set("target", selector(target));
      }
      patches.add(entry);
    }
    if (!patches.isEmpty()) {
      k.set("patches", patches);
    }
    if (!deprecated.isEmpty()) {
      k.set("patchesStrategicMerge", deprecated);
    }
  }

  private ObjectNode strategicMergePatch(Known target) {
    ObjectNode patch =
        obj(
            "apiVersion",
            target.apiVersion(),
            "kind",
            target.kind(),
            "metadata",
            obj("name", target.name()));
    ObjectNode metadata = (ObjectNode) patch.get("metadata");
    if (target.namespace() != null) {
      metadata.put("namespace", target.namespace());
    }
    if (chance(0.3)) {
      metadata.set("labels", obj(pick(LABEL_KEYS), chance(0.2) ? null : pick(VALUES)));
    }
    if (chance(0.2)) {
      metadata.set("annotations", obj(pick(ANNOTATION_KEYS.subList(0, 3)), pick(VALUES)));
    }
    switch (target.kind()) {
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> {
        ObjectNode spec = patch.putObject("spec");
        if (chance(0.3)) {
          spec.set("replicas", chance(0.3) ? null : JsonNodeFactory.instance.numberNode(3));
        }
        ObjectNode podSpec = obj();
        ArrayNode containers = arr();
        ObjectNode container = obj("name", chance(0.7) ? target.app() : "added");
        if (chance(0.4)) {
          container.put("image", image());
        }
        if (chance(0.5)) {
          ArrayNode env = arr(obj("name", pick(List.of("MODE", "NEW")), "value", pick(VALUES)));
          if (chance(0.3)) {
            env.add(obj("name", "FROM_CONFIG", "$patch", "delete"));
          }
          container.set("env", env);
        }
        if (chance(0.3)) {
          container.set("ports", arr(obj("containerPort", 9090, "name", "metrics")));
        }
        if (chance(0.2)) {
          container.set("args", arr("--patched"));
        }
        if (chance(0.2)) {
          container.set("resources", obj("$patch", "replace", "requests", obj("cpu", "100m")));
        }
        containers.add(container);
        if (chance(0.2)) {
          containers.add(obj("name", "sidecar", "$patch", "delete"));
        }
        podSpec.set("containers", containers);
        if (chance(0.2)) {
          podSpec.set("tolerations", arr(obj("key", "spot", "operator", "Exists")));
        }
        if (chance(0.2)) {
          podSpec.set("volumes", arr(obj("name", "extra", "configMap", obj("name", "shared"))));
        }
        if (chance(0.1)) {
          podSpec.set("serviceAccountName", null);
        }
        ObjectNode template = obj("spec", podSpec);
        if (chance(0.3)) {
          template.set("metadata", obj("labels", obj("patched", "true")));
        }
        spec.set("template", template);
      }
      case "Service" -> {
        ObjectNode spec = patch.putObject("spec");
        if (chance(0.5)) {
          spec.set(
              "ports",
              arr(obj("port", chance(0.5) ? 80 : 443, "targetPort", 8443, "name", "https")));
        }
        if (chance(0.4)) {
          spec.put("type", "NodePort");
        }
      }
      case "ConfigMap" -> {
        if (chance(0.2)) {
          patch.put("$patch", "delete");
        } else {
          patch.set("data", obj(pick(DATA_KEYS), chance(0.2) ? null : pick(VALUES)));
        }
      }
      case "Widget" -> {
        ObjectNode spec = patch.putObject("spec");
        spec.set("items", arr(obj("name", "c", "v", 3)));
        if (chance(0.3)) {
          spec.put("configMapName", "patched");
        }
      }
      case "HorizontalPodAutoscaler" -> patch.putObject("spec").put("maxReplicas", 9);
      default -> {
        if (chance(0.1)) {
          patch.put("$patch", "delete");
        }
      }
    }
    return patch;
  }

  private ObjectNode selector(Known target) {
    ObjectNode selector = obj();
    if (chance(0.8)) {
      selector.put("kind", target.kind());
    }
    switch (random.nextInt(6)) {
      case 0 -> selector.put("name", target.name());
      case 1 -> selector.put("name", target.name().substring(0, 1) + ".*");
      case 2 -> selector.put("name", target.name() + "|other");
      case 3 -> selector.put("labelSelector", "app=" + target.app());
      case 4 -> selector.put("labelSelector", "app in (" + target.app() + ",web),tier!=front");
      default -> {
        if (chance(0.5)) {
          selector.put("annotationSelector", "!note");
        }
      }
    }
    if (chance(0.1)) {
      String apiVersion = target.apiVersion();
      int slash = apiVersion.indexOf('/');
      selector.put("version", slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
      if (slash > 0) {
        selector.put("group", apiVersion.substring(0, slash));
      }
    }
    if (chance(0.1)) {
      selector.put("namespace", pick(NAMESPACES));
    }
    if (selector.isEmpty()) {
      selector.put("name", target.name());
    }
    return selector;
  }

  private void jsonPatches(String dir, ObjectNode k) {
    boolean deprecated = has(Feature.DEPRECATED_FIELDS) && chance(0.4);
    ArrayNode entries =
        deprecated ? arr() : k.has("patches") ? (ArrayNode) k.get("patches") : arr();
    for (int i = between(1, 2); i > 0; i--) {
      Known target = target();
      ArrayNode operations = jsonOperations(target, deprecated);
      ObjectNode entry = obj();
      if (chance(0.5)) {
        String file = "json-" + i + (chance(0.5) ? ".yaml" : ".json");
        String text = yaml.write(operations);
        files.put(
            path(dir, file),
            file.endsWith(".json")
                ? operations.toString() + "\n"
                : chance(0.2) ? text : unindented(text));
        entry.put("path", file);
      } else if (chance(0.05)) {
        // indented: Kustomize trims an inline patch of patches (which then fails to read), not
        // one of patchesJson6902
        entry.put("patch", yaml.write(operations));
      } else {
        entry.put(
            "patch", chance(0.3) ? operations.toString() : unindented(yaml.write(operations)));
      }
      ObjectNode selector = selector(target);
      if (deprecated && !selector.has("name") && chance(0.97)) {
        // the deprecated field needs a target name (an error in Kustomize otherwise)
        selector.put("name", target.name());
      }
      entry.set("target", selector);
      entries.add(entry);
    }
    k.set(deprecated ? "patchesJson6902" : "patches", entries);
  }

  /**
   * Operations for a target, most of which apply; some fail (a test, a missing path), which must
   * fail in treum too. In the deprecated field an object may have no annotations map at all.
   */
  private ArrayNode jsonOperations(Known target, boolean deprecated) {
    ArrayNode operations = arr();
    boolean workload = WORKLOAD_KINDS.contains(target.kind());
    for (int i = between(1, 3); i > 0; i--) {
      int choice = random.nextInt(10);
      if (deprecated && (choice < 2 || choice > 5) && chance(0.9)) {
        // mostly leave out what needs an annotations map, which a fresh object lacks there
        choice = 2 + random.nextInt(4);
      }
      switch (choice) {
        case 0, 1 ->
            operations.add(
                obj(
                    "op",
                    "add",
                    "path",
                    "/metadata/annotations/example.com~1" + pick(List.of("patched", "x")),
                    "value",
                    pick(VALUES)));
        case 2 ->
            operations.add(
                obj("op", "add", "path", "/metadata/labels", "value", obj("patched", "yes")));
        case 3 -> {
          if (chance(0.3)) {
            operations.add(obj("op", "test", "path", "/kind", "value", target.kind()));
          } else {
            operations.add(obj("op", "test", "path", "/apiVersion", "value", target.apiVersion()));
          }
        }
        case 4 -> {
          if (chance(0.1)) {
            operations.add(obj("op", "remove", "path", "/metadata/labels/app"));
          } else if (chance(0.2)) {
            operations.add(obj("op", "test", "path", "/metadata/name", "value", target.name()));
          } else {
            operations.add(obj("op", "test", "path", "/metadata/absent", "value", null));
          }
        }
        case 5 -> {
          if (workload) {
            operations.add(obj("op", "replace", "path", "/spec/replicas", "value", 7));
          } else if (target.kind().equals("Service")) {
            operations.add(obj("op", "add", "path", "/spec/ports/-", "value", obj("port", 9000)));
          } else {
            operations.add(
                obj("op", "add", "path", "/metadata/annotations/kind", "value", target.kind()));
          }
        }
        case 6 -> {
          if (workload) {
            operations.add(
                obj(
                    "op",
                    "add",
                    "path",
                    "/spec/template/spec/containers/-",
                    "value",
                    obj("name", "added-by-json", "image", image())));
          } else {
            operations.add(
                obj("op", "move", "from", "/metadata/annotations", "path", "/metadata/moved"));
          }
        }
        case 7 ->
            operations.add(
                obj(
                    "op",
                    "copy",
                    "from",
                    "/metadata/name",
                    "path",
                    "/metadata/annotations/copied"));
        default ->
            operations.add(
                obj(
                    "op",
                    "replace",
                    "path",
                    "/metadata/annotations",
                    "value",
                    obj("replaced", "true")));
      }
    }
    return operations;
  }

  /**
   * treum's writer indents a top-level list by two spaces; patches are mostly written flush left,
   * as people write them.
   */
  private static String unindented(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.startsWith("  ") ? line.substring(2) : line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  // ---------------------------------------------------------------- JSON helpers

  private static ObjectNode obj(Object... keysAndValues) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      node.set((String) keysAndValues[i], value(keysAndValues[i + 1]));
    }
    return node;
  }

  private static ArrayNode arr(Object... values) {
    ArrayNode node = JsonNodeFactory.instance.arrayNode();
    for (Object value : values) {
      node.add(value(value));
    }
    return node;
  }

  private static JsonNode value(Object value) {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof Integer number) {
      return JsonNodeFactory.instance.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return JsonNodeFactory.instance.booleanNode(bool);
    }
    return JsonNodeFactory.instance.textNode(value.toString());
  }

  private static void putList(ObjectNode k, String field, List<String> values) {
    ArrayNode list = k.putArray(field);
    values.forEach(list::add);
  }
}
