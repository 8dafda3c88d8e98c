package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A kustomization file, read as Kustomize reads it: field names match case-insensitively, unknown
 * fields are errors, deprecated spellings ({@code bases}, {@code imageTags}) fold into their
 * successors. Fields treum's builder does not implement (Helm charts, plugins, vars, replacements,
 * extra transformer configurations, OpenAPI schemas) are refused by name.
 */
public final class Kustomization {
  /** Every field Kustomize v5 knows, in its spelling. */
  private static final List<String> KNOWN =
      List.of(
          "apiVersion",
          "kind",
          "metadata",
          "openapi",
          "namePrefix",
          "nameSuffix",
          "namespace",
          "commonLabels",
          "labels",
          "commonAnnotations",
          "patchesStrategicMerge",
          "patchesJson6902",
          "patches",
          "images",
          "imageTags",
          "replacements",
          "replicas",
          "vars",
          "sortOptions",
          "resources",
          "components",
          "crds",
          "bases",
          "configMapGenerator",
          "secretGenerator",
          "helmGlobals",
          "helmCharts",
          "helmChartInflationGenerator",
          "generatorOptions",
          "configurations",
          "generators",
          "transformers",
          "validators",
          "buildMetadata");

  private static final Map<String, String> WHY_UNSUPPORTED =
      Map.ofEntries(
          Map.entry("openapi", "custom OpenAPI schemas"),
          Map.entry("replacements", "replacements"),
          Map.entry("vars", "vars (deprecated in Kustomize; use replacements)"),
          Map.entry("crds", "CRD-declared name references"),
          Map.entry("helmGlobals", "Helm charts"),
          Map.entry("helmCharts", "Helm charts (they need --enable-helm)"),
          Map.entry("helmChartInflationGenerator", "Helm charts"),
          Map.entry("configurations", "custom transformer configurations"),
          Map.entry("generators", "generator plugins (they need --enable-alpha-plugins)"),
          Map.entry("transformers", "transformer plugins (they need --enable-alpha-plugins)"),
          Map.entry("validators", "validator plugins (they need --enable-alpha-plugins)"),
          Map.entry("buildMetadata", "build metadata annotations"));

  private static final Map<String, String> BY_LOWER_CASE = new HashMap<>();

  static {
    for (String field : KNOWN) {
      BY_LOWER_CASE.put(field.toLowerCase(Locale.ROOT), field);
    }
  }

  private final Path file;
  private final Map<String, JsonNode> fields;

  private Kustomization(Path file, Map<String, JsonNode> fields) {
    this.file = file;
    this.fields = fields;
  }

  /**
   * Parses and checks a kustomization file.
   *
   * @throws KustomizeException naming the field and the file
   */
  public static Kustomization parse(ObjectNode content, Path file) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    content
        .fields()
        .forEachRemaining(
            field -> {
              String name = BY_LOWER_CASE.get(field.getKey().toLowerCase(Locale.ROOT));
              if (name == null) {
                throw new KustomizeException(
                    file
                        + ": unknown field '"
                        + field.getKey()
                        + "': kustomize refuses it too; check the spelling");
              }
              if (WHY_UNSUPPORTED.containsKey(name)) {
                throw new KustomizeException(
                    file
                        + ": field '"
                        + field.getKey()
                        + "' ("
                        + WHY_UNSUPPORTED.get(name)
                        + ") is not supported by treum's Kustomize builder; render it with"
                        + " kustomize and commit the output, or remove it");
              }
              if (fields.put(name, field.getValue()) != null) {
                throw new KustomizeException(
                    file + ": field '" + name + "' is given twice (names ignore case); keep one");
              }
            });
    if (isEmpty(fields)) {
      throw new KustomizeException(
          file + ": kustomization.yaml is empty; list resources, components or generators");
    }
    Kustomization kustomization = new Kustomization(file, fields);
    String kind = kustomization.text("kind", "");
    kind = kind.isEmpty() ? "Kustomization" : kind;
    if (!kind.equals("Kustomization") && !kind.equals("Component")) {
      throw new KustomizeException(
          file + ": kind '" + kind + "' is neither Kustomization nor Component");
    }
    String expected =
        kind.equals("Component")
            ? "kustomize.config.k8s.io/v1alpha1"
            : "kustomize.config.k8s.io/v1beta1";
    String apiVersion = kustomization.text("apiVersion", "");
    apiVersion = apiVersion.isEmpty() ? expected : apiVersion;
    if (!apiVersion.equals(expected)) {
      throw new KustomizeException(
          file + ": apiVersion '" + apiVersion + "' for a " + kind + " should be " + expected);
    }
    return kustomization;
  }

  /**
   * Kustomize's {@code CheckEmpty}: every field but apiVersion and kind has its Go zero value
   * (null, or an empty string for the string fields; an empty list or map is not zero).
   */
  private static boolean isEmpty(Map<String, JsonNode> fields) {
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals("apiVersion") || name.equals("kind") || value.isNull()) {
        continue;
      }
      if (STRING_FIELDS.contains(name) && value.isTextual() && value.asText().isEmpty()) {
        continue;
      }
      return false;
    }
    return true;
  }

  private static final Set<String> STRING_FIELDS = Set.of("namePrefix", "nameSuffix", "namespace");

  public Path file() {
    return file;
  }

  public boolean isComponent() {
    return text("kind", "").equals("Component");
  }

  /** {@code resources} followed by the deprecated {@code bases}. */
  public List<String> resources() {
    List<String> all = strings("resources");
    all.addAll(strings("bases"));
    return all;
  }

  public List<String> components() {
    return strings("components");
  }

  public String namespace() {
    return text("namespace", "");
  }

  public String namePrefix() {
    return text("namePrefix", "");
  }

  public String nameSuffix() {
    return text("nameSuffix", "");
  }

  public Map<String, String> commonLabels() {
    return stringMap("commonLabels");
  }

  public Map<String, String> commonAnnotations() {
    return stringMap("commonAnnotations");
  }

  public List<JsonNode> labels() {
    return entries("labels", Set.of("pairs", "includeSelectors", "includeTemplates", "fields"));
  }

  public List<JsonNode> patches() {
    return entries("patches", Set.of("path", "patch", "target", "options"));
  }

  /** The deprecated {@code patchesStrategicMerge}: file paths or inline patches. */
  public List<String> patchesStrategicMerge() {
    return strings("patchesStrategicMerge");
  }

  /** The deprecated {@code patchesJson6902}: entries with {@code target} and path or patch. */
  public List<JsonNode> patchesJson6902() {
    return entries("patchesJson6902", Set.of("path", "patch", "target", "options"));
  }

  /** {@code images} followed by the deprecated {@code imageTags}. */
  public List<JsonNode> images() {
    Set<String> allowed = Set.of("name", "newName", "newTag", "digest", "tagSuffix");
    List<JsonNode> all = entries("images", allowed);
    all.addAll(entries("imageTags", allowed));
    return all;
  }

  public List<JsonNode> replicas() {
    return entries("replicas", Set.of("name", "count"));
  }

  public List<JsonNode> configMapGenerator() {
    return entries("configMapGenerator", GENERATOR_FIELDS);
  }

  public List<JsonNode> secretGenerator() {
    Set<String> allowed = new TreeSet<>(GENERATOR_FIELDS);
    allowed.add("type");
    return entries("secretGenerator", allowed);
  }

  /** {@code generatorOptions}, or an empty map. */
  public JsonNode generatorOptions() {
    JsonNode options = fields.get("generatorOptions");
    if (options == null || options.isNull()) {
      return ManifestYaml.newObject();
    }
    requireMap(options, "generatorOptions", GENERATOR_OPTION_FIELDS);
    return options;
  }

  /** {@code sortOptions}, or {@code null} for Kustomize's default (legacy order). */
  public JsonNode sortOptions() {
    JsonNode options = fields.get("sortOptions");
    if (options == null || options.isNull()) {
      return null;
    }
    requireMap(options, "sortOptions", Set.of("order", "legacySortOptions"));
    return options;
  }

  static final Set<String> GENERATOR_FIELDS =
      Set.of("name", "namespace", "behavior", "literals", "files", "envs", "env", "options");

  static final Set<String> GENERATOR_OPTION_FIELDS =
      Set.of("labels", "annotations", "disableNameSuffixHash", "immutable");

  private String text(String field, String fallback) {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      throw new KustomizeException(file + ": " + field + " must be a string, not " + value);
    }
    return value.asText();
  }

  private List<String> strings(String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode entry : list(field)) {
      if (!entry.isTextual() || entry.asText().isBlank()) {
        throw new KustomizeException(
            file + ": " + field + " entry " + entry + " is not a path; list files or folders");
      }
      values.add(entry.asText());
    }
    return values;
  }

  private Map<String, String> stringMap(String field) {
    JsonNode value = fields.get(field);
    Map<String, String> map = new TreeMap<>();
    if (value == null || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw new KustomizeException(file + ": " + field + " must be a map, not " + value);
    }
    value
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isValueNode()) {
                throw new KustomizeException(
                    file + ": " + field + "." + entry.getKey() + " must be a string");
              }
              map.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
            });
    return map;
  }

  private List<JsonNode> entries(String field, Set<String> allowed) {
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode entry : list(field)) {
      requireMap(entry, field + " entry", allowed);
      entries.add(entry);
    }
    return entries;
  }

  private List<JsonNode> list(String field) {
    JsonNode value = fields.get(field);
    List<JsonNode> list = new ArrayList<>();
    if (value == null || value.isNull()) {
      return list;
    }
    if (!value.isArray()) {
      throw new KustomizeException(file + ": " + field + " must be a list, not " + value);
    }
    value.forEach(list::add);
    return list;
  }

  /** Refuses entry fields the builder would otherwise ignore, and entries that are not maps. */
  void requireMap(JsonNode entry, String what, Set<String> allowed) {
    if (!entry.isObject()) {
      throw new KustomizeException(
          file + ": " + what + " " + entry + " must be a map of " + new TreeSet<>(allowed));
    }
    entry
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                throw new KustomizeException(
                    file
                        + ": field '"
                        + name
                        + "' of "
                        + what
                        + " is not supported by treum's Kustomize builder (it reads "
                        + new TreeSet<>(allowed)
                        + "); remove it or build this tree with kustomize");
              }
            });
  }
}
