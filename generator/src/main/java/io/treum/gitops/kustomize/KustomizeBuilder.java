package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a Kustomize tree in Java, as {@code kustomize build <dir>} (v5, no flags) does.
 *
 * <p>Per kustomization, in Kustomize's order: {@code resources} (files and bases, recursively;
 * duplicate ids are errors), {@code configMapGenerator} and {@code secretGenerator}, {@code
 * components}, then the transformers {@code patchesStrategicMerge}, {@code patches}, {@code
 * namespace}, {@code namePrefix}/{@code nameSuffix}, {@code labels}/{@code commonLabels}, {@code
 * commonAnnotations}, {@code patchesJson6902}, {@code replicas}, {@code images}. At the top level
 * only: hash suffixes of generated names, name back-references, dropping {@code
 * config.kubernetes.io/local-config} objects, and the output order ({@code sortOptions}, legacy by
 * default). Files load under Kustomize's default load restrictor; fields treum does not implement
 * are refused by name (see {@link Kustomization}).
 */
public final class KustomizeBuilder {
  private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

  private final ManifestYaml yaml;
  private final PatchApplier patches;
  private final BuiltinFieldSpecs fieldSpecs = BuiltinFieldSpecs.get();

  public KustomizeBuilder(ManifestYaml yaml, MergeSchema schema) {
    this.yaml = yaml;
    this.patches = new PatchApplier(yaml, new StrategicMergePatch(schema));
  }

  /**
   * Builds the kustomization in {@code directory}.
   *
   * @return the objects in Kustomize's output order
   * @throws KustomizeException naming the file and field at fault
   */
  public List<ObjectNode> build(Path directory) {
    return buildResources(directory).objects();
  }

  /** Builds and returns the resources with their sources and history. */
  public ResourceSet buildResources(Path directory) {
    KustomizationRoot root = KustomizationRoot.open(directory);
    Kustomization kustomization = read(root);
    if (kustomization.isComponent()) {
      throw new KustomizeException(
          root.file() + ": a Component cannot be built on its own; list it under components");
    }
    Set<Path> read = new TreeSet<>();
    ResourceSet resources =
        accumulate(root, kustomization, new ResourceSet(), new HashSet<>(), read);
    resources.readFrom(read);
    new GeneratedNameHasher().apply(resources);
    new NameReferenceFixer().apply(resources);
    // Kustomize's IgnoreLocal: any value but "false" marks a local-only object
    resources.removeIf(
        r -> {
          JsonNode local = r.object().path("metadata").path("annotations").get(LOCAL_CONFIG);
          return local != null && !"false".equals(SourceScalars.text(local));
        });
    sort(resources, kustomization.sortOptions(), root);
    for (Resource resource : resources) {
      BuildAnnotations.finish(resource.object());
      // Kustomize writes its output through JSON (Resource.AsYAML)
      SourceScalars.forget(resource.object());
      GoNumbers.asOutput(resource.object());
    }
    return resources;
  }

  private Kustomization read(KustomizationRoot root) {
    String text = root.readKustomization();
    // treum's reader first, for its limits (aliases, nesting, size, duplicate keys)
    documents(yaml, text, root.file().toString());
    return Kustomization.parse(
        KustomizationDecoder.decode(text, root.file(), yaml.loaderOptions()), root.file());
  }

  /** The documents of a YAML stream; a file treum cannot read safely is a build failure. */
  static List<JsonNode> documents(ManifestYaml yaml, String text, String source) {
    try {
      return yaml.readAll(text, source);
    } catch (YamlException e) {
      throw new KustomizeException(e.getMessage(), e);
    }
  }

  /** Kustomize's {@code accumulateTarget}: one kustomization applied to {@code resources}. */
  private ResourceSet accumulate(
      KustomizationRoot root,
      Kustomization kustomization,
      ResourceSet resources,
      Set<Path> visiting,
      Set<Path> read) {
    if (!visiting.add(root.realDirectory())) {
      throw new KustomizeException(
          "cycle: " + root.directory() + " includes itself through its bases or components");
    }
    read.add(KustomizationRoot.realPath(root.file(), root.file().toString()));
    for (String reference : kustomization.resources()) {
      if (root.isDirectory(reference)) {
        KustomizationRoot base = KustomizationRoot.open(root.directory(reference, "resources"));
        Kustomization baseKustomization = read(base);
        if (baseKustomization.isComponent()) {
          throw new KustomizeException(
              root.file()
                  + ": resources entry '"
                  + reference
                  + "' is a Component; list it under components");
        }
        resources.addAll(accumulate(base, baseKustomization, new ResourceSet(), visiting, read));
      } else {
        Path file = root.file(reference, "resources");
        for (ObjectNode object :
            objects(
                documents(yaml, KustomizationRoot.read(file), file.toString()), file.toString())) {
          resources.add(new Resource(object, file.toString()));
        }
      }
    }
    DataGenerator generator = new DataGenerator(root, kustomization);
    for (JsonNode args : kustomization.configMapGenerator()) {
      DataGenerator.absorb(resources, generator.generate(args, false));
    }
    for (JsonNode args : kustomization.secretGenerator()) {
      DataGenerator.absorb(resources, generator.generate(args, true));
    }
    for (String reference : kustomization.components()) {
      KustomizationRoot component = KustomizationRoot.open(root.directory(reference, "components"));
      Kustomization componentKustomization = read(component);
      if (!componentKustomization.isComponent()) {
        throw new KustomizeException(
            root.file()
                + ": components entry '"
                + reference
                + "' is a "
                + "Kustomization, not a Component; list it under resources");
      }
      resources = accumulate(component, componentKustomization, resources, visiting, read);
    }
    transform(root, kustomization, resources);
    visiting.remove(root.realDirectory());
    return resources;
  }

  /**
   * The objects of a resource file, as Kustomize's {@code RNodesFromBytes} reads them: empty
   * documents ({@code null}, {@code {}}, {@code []}) are dropped, every other one needs a kind and,
   * unless its kind ends in {@code List}, a name; then each {@code *List} with {@code items} is
   * replaced by its items, which join the end of the queue (so they follow the file's later
   * documents), while a {@code *List} without {@code items} stays an object.
   */
  static List<ObjectNode> objects(List<JsonNode> documents, String file) {
    Deque<ObjectNode> queue = new ArrayDeque<>(validated(documents, file));
    List<ObjectNode> objects = new ArrayList<>();
    while (!queue.isEmpty()) {
      ObjectNode object = queue.removeFirst();
      if (!object.path("kind").asText().endsWith("List") || !object.has("items")) {
        objects.add(object);
        continue;
      }
      JsonNode items = object.get("items");
      if (items.isNull()) {
        continue;
      }
      if (!items.isArray()) {
        throw new KustomizeException(
            file
                + ": expected array in "
                + object.path("kind").asText()
                + "/items, but found "
                + items.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      for (JsonNode item : items) {
        queue.addAll(validated(List.of(item), file));
      }
    }
    return objects;
  }

  /** Kustomize's {@code dropBadNodes}: skips empty documents, checks kind and name. */
  private static List<ObjectNode> validated(List<JsonNode> documents, String file) {
    List<ObjectNode> valid = new ArrayList<>();
    for (JsonNode document : documents) {
      if (document == null
          || document.isNull()
          || document.isMissingNode()
          || (document.isContainerNode() && document.isEmpty())) {
        continue;
      }
      if (!(document instanceof ObjectNode object)) {
        throw new KustomizeException(file + ": a resource must be a YAML mapping, not " + document);
      }
      String kind = object.path("kind").asText("");
      if (kind.isEmpty()
          || (!kind.endsWith("List")
              && object.path("metadata").path("name").asText("").isEmpty())) {
        throw new KustomizeException(
            file + ": every resource needs a kind and metadata.name; this one has not: " + object);
      }
      valid.add(object);
    }
    return valid;
  }

  /** The builtin transformers of one kustomization, in Kustomize's order. */
  private void transform(
      KustomizationRoot root, Kustomization kustomization, ResourceSet resources) {
    patches.applyStrategicMergeEntries(root, kustomization.patchesStrategicMerge(), resources);
    for (JsonNode entry : kustomization.patches()) {
      patches.applyEntry(root, entry, resources, "patches");
    }
    String namespace = kustomization.namespace();
    if (!namespace.isEmpty()) {
      NamespaceTransformer transformer = new NamespaceTransformer(namespace);
      for (Resource resource : resources) {
        resource.rememberId();
        transformer.apply(resource.object());
      }
      requireUniqueIds(resources, root, "namespace");
    }
    if (!kustomization.namePrefix().isEmpty() || !kustomization.nameSuffix().isEmpty()) {
      new NamePrefixSuffixTransformer(kustomization.namePrefix(), kustomization.nameSuffix())
          .apply(resources);
    }
    for (JsonNode label : kustomization.labels()) {
      Map<String, String> pairs = stringMap(label.path("pairs"), root, "labels pairs");
      List<FieldSpec> paths = new ArrayList<>(customFieldSpecs(label.path("fields"), root));
      if (label.path("includeSelectors").asBoolean(false)) {
        paths.addAll(fieldSpecs.section("commonLabels"));
      } else {
        if (label.path("includeTemplates").asBoolean(false)) {
          paths.addAll(fieldSpecs.section("templateLabels"));
        }
        paths.add(FieldSpec.any("metadata/labels", true));
      }
      apply(new MapEntriesTransformer(pairs, paths), resources);
    }
    Map<String, String> commonLabels = kustomization.commonLabels();
    if (!commonLabels.isEmpty()) {
      apply(new MapEntriesTransformer(commonLabels, fieldSpecs.section("commonLabels")), resources);
    }
    Map<String, String> commonAnnotations = kustomization.commonAnnotations();
    if (!commonAnnotations.isEmpty()) {
      apply(
          new MapEntriesTransformer(commonAnnotations, fieldSpecs.section("commonAnnotations")),
          resources);
    }
    for (JsonNode entry : kustomization.patchesJson6902()) {
      patches.applyJson6902Entry(root, entry, resources);
    }
    for (JsonNode replica : kustomization.replicas()) {
      JsonNode count = replica.path("count");
      if (!count.isMissingNode() && !count.isIntegralNumber()) {
        throw new KustomizeException(
            root.file()
                + ": replicas entry "
                + replica
                + " has a count that is not a whole number");
      }
      new ReplicasTransformer(text(replica, "name"), count.asLong(0))
          .apply(resources, root.file().toString());
    }
    List<JsonNode> images = kustomization.images();
    if (!images.isEmpty()) {
      List<ImageEntry> entries = new ArrayList<>();
      for (JsonNode image : images) {
        entries.add(
            new ImageEntry(
                text(image, "name"),
                text(image, "newName"),
                text(image, "newTag"),
                text(image, "digest"),
                text(image, "tagSuffix")));
      }
      ImagesTransformer transformer;
      try {
        transformer = new ImagesTransformer(entries);
      } catch (KustomizeException e) {
        throw new KustomizeException(root.file() + ": " + e.getMessage(), e);
      }
      for (Resource resource : resources) {
        try {
          transformer.apply(resource.object());
        } catch (KustomizeException e) {
          // what fails does so whatever the entry, so Kustomize fails on the first one
          throw new KustomizeException(
              root.file()
                  + ": images entry "
                  + images.get(0)
                  + " on "
                  + resource.id()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
  }

  private static void apply(MapEntriesTransformer transformer, ResourceSet resources) {
    for (Resource resource : resources) {
      transformer.apply(resource);
    }
  }

  private static void requireUniqueIds(ResourceSet resources, KustomizationRoot root, String why) {
    Set<String> seen = new HashSet<>();
    for (Resource resource : resources) {
      ResourceId id = resource.id();
      String key =
          id.group()
              + "|"
              + id.version()
              + "|"
              + id.kind()
              + "|"
              + id.effectiveNamespace()
              + "|"
              + id.name();
      if (!seen.add(key)) {
        throw new KustomizeException(
            root.file() + ": " + why + " transformation produces an id conflict on " + id);
      }
    }
  }

  private List<FieldSpec> customFieldSpecs(JsonNode fields, KustomizationRoot root) {
    List<FieldSpec> specs = new ArrayList<>();
    if (fields.isMissingNode() || fields.isNull()) {
      return specs;
    }
    if (!fields.isArray()) {
      throw new KustomizeException(root.file() + ": labels fields must be a list of field specs");
    }
    for (JsonNode spec : fields) {
      if (!spec.path("path").isTextual()) {
        throw new KustomizeException(root.file() + ": a labels field spec needs a path: " + spec);
      }
      specs.add(
          new FieldSpec(
              text(spec, "group"),
              text(spec, "version"),
              text(spec, "kind"),
              spec.get("path").asText(),
              spec.path("create").asBoolean(false)));
    }
    return specs;
  }

  private static Map<String, String> stringMap(JsonNode map, KustomizationRoot root, String what) {
    Map<String, String> result = new TreeMap<>();
    if (map.isMissingNode() || map.isNull()) {
      return result;
    }
    if (!map.isObject()) {
      throw new KustomizeException(root.file() + ": " + what + " must be a map");
    }
    map.fields()
        .forEachRemaining(
            e -> result.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    return result;
  }

  private static void sort(ResourceSet resources, JsonNode sortOptions, KustomizationRoot root) {
    String order = sortOptions == null ? "legacy" : sortOptions.path("order").asText("");
    if (order.equals("fifo")) {
      if (sortOptions.has("legacySortOptions")) {
        throw new KustomizeException(
            root.file() + ": sortOptions.legacySortOptions is set but the order is fifo");
      }
      return;
    }
    if (!order.equals("legacy")) {
      throw new KustomizeException(
          root.file() + ": sortOptions.order must be legacy or fifo, not '" + order + "'");
    }
    JsonNode legacy = sortOptions == null ? null : sortOptions.get("legacySortOptions");
    List<String> first = legacy == null ? null : strings(legacy.get("orderFirst"));
    List<String> last = legacy == null ? null : strings(legacy.get("orderLast"));
    List<Resource> ordered = new ArrayList<>(resources.list());
    new LegacyResourceOrder(first, last).sort(ordered, Resource::object);
    resources.reorder(ordered);
  }

  private static List<String> strings(JsonNode list) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
