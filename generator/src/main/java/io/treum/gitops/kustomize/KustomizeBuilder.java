package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds a Kustomize tree in Java, as {@code kustomize build <dir>} does, for the fields treum
 * writes: {@code resources} (files and bases), {@code patches} (strategic merge and JSON 6902, with
 * or without {@code target}), {@code namespace}, {@code labels}, {@code replicas} and {@code
 * images}, applied in Kustomize's order. Any other field, also inside an entry, is refused with an
 * error naming it and the file, never ignored. Files load as with Kustomize's default load
 * restrictor: a resource or patch file must resolve, symlinks followed, to a file below the
 * kustomization's folder; absolute paths are refused (Kustomize accepts one below the root); a base
 * may not be the folder itself or one of its parents.
 */
public final class KustomizeBuilder {
  private static final Set<String> SUPPORTED =
      Set.of(
          "apiversion",
          "kind",
          "resources",
          "patches",
          "namespace",
          "labels",
          "replicas",
          "images");

  private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target", "options");
  private static final Set<String> TARGET_FIELDS =
      Set.of("group", "version", "kind", "name", "namespace");
  private static final Set<String> LABEL_FIELDS =
      Set.of("pairs", "includeSelectors", "includeTemplates");
  private static final Set<String> REPLICA_FIELDS = Set.of("name", "count");
  private static final Set<String> IMAGE_FIELDS =
      Set.of("name", "newName", "newTag", "digest", "tagSuffix");

  /** Most steps a target's name or namespace expression may take on one value. */
  private static final int MAX_REGEX_STEPS = 1_000_000;

  private final ManifestYaml yaml;
  private final StrategicMergePatch strategicMerge;

  public KustomizeBuilder(ManifestYaml yaml, MergeSchema schema) {
    this.yaml = yaml;
    this.strategicMerge = new StrategicMergePatch(schema);
  }

  /**
   * Builds the kustomization in {@code directory}.
   *
   * @return the resources in accumulation order
   * @throws KustomizeException naming the file and field at fault
   */
  public List<ObjectNode> build(Path directory) {
    return build(directory.toAbsolutePath().normalize(), new HashSet<>());
  }

  private List<ObjectNode> build(Path directory, Set<Path> visiting) {
    Path real = realPath(directory, directory.toString());
    for (Path visited : visiting) {
      if (visited.startsWith(real)) {
        throw new KustomizeException(
            "cycle: "
                + directory
                + " is "
                + (visited.equals(real) ? "" : "an ancestor of ")
                + visited
                + ", which includes it as a base; a base must be a separate folder, not '.' or a"
                + " parent");
      }
    }
    visiting.add(real);
    Path file = directory.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new KustomizeException(
          directory + " has no kustomization.yaml: every base and overlay needs one");
    }
    ObjectNode kustomization = yaml.readObject(read(file), file.toString());
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = kustomization.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey().toLowerCase(Locale.ROOT);
      if (!SUPPORTED.contains(key)) {
        throw new KustomizeException(
            file
                + ": field '"
                + field.getKey()
                + "' is not supported by treum's Kustomize"
                + " builder yet; remove it or build this tree with kustomize");
      }
      if (fields.put(key, field.getValue()) != null) {
        throw new KustomizeException(
            file + ": field '" + field.getKey() + "' is given twice (keys ignore case); keep one");
      }
    }
    requireText(fields, "kind", "Kustomization", file);
    requireText(fields, "apiversion", "kustomize.config.k8s.io/v1beta1", file);
    Map<String, ObjectNode> resources = new LinkedHashMap<>();
    for (JsonNode entry : list(fields, "resources", file)) {
      if (!entry.isTextual() || entry.asText().isBlank()) {
        throw new KustomizeException(
            file + ": resources entry " + entry + " is not a path; list files or folders");
      }
      String reference = entry.asText();
      if (Path.of(reference).isAbsolute()) {
        throw new KustomizeException(
            file
                + ": resources entry '"
                + reference
                + "' is an absolute path; use a path relative to "
                + directory);
      }
      Path path = directory.resolve(reference).normalize();
      if (Files.isDirectory(path)) {
        for (ObjectNode resource : build(path, visiting)) {
          add(resources, resource, file);
        }
      } else {
        Path resolved = contained(directory, reference, file);
        for (JsonNode document : yaml.readAll(read(resolved), resolved.toString())) {
          if (!document.isObject()) {
            throw new KustomizeException(resolved + ": a resource must be a YAML mapping");
          }
          add(resources, (ObjectNode) document, resolved);
        }
      }
    }
    for (JsonNode patch : list(fields, "patches", file)) {
      applyPatch(directory, file, patch, resources);
    }
    List<ObjectNode> result = new ArrayList<>(resources.values());
    if (fields.containsKey("namespace")) {
      JsonNode namespace = fields.get("namespace");
      if (!namespace.isTextual()) {
        throw new KustomizeException(file + ": namespace must be a string, not " + namespace);
      }
      if (!namespace.asText().isEmpty()) {
        NamespaceTransformer transformer = new NamespaceTransformer(namespace.asText());
        result.forEach(transformer::apply);
      }
    }
    for (JsonNode label : list(fields, "labels", file)) {
      requireFields(label, "labels", LABEL_FIELDS, file);
      if (label.path("includeSelectors").asBoolean(false)) {
        throw new KustomizeException(
            file + ": labels with includeSelectors are not supported by treum's builder yet");
      }
      Map<String, String> pairs = new TreeMap<>();
      label
          .path("pairs")
          .fields()
          .forEachRemaining(p -> pairs.put(p.getKey(), p.getValue().asText()));
      LabelsTransformer labels =
          new LabelsTransformer(pairs, label.path("includeTemplates").asBoolean(false));
      result.forEach(labels::apply);
    }
    for (JsonNode replica : list(fields, "replicas", file)) {
      requireFields(replica, "replicas", REPLICA_FIELDS, file);
      JsonNode count = replica.path("count");
      if (!count.isMissingNode() && !count.isIntegralNumber()) {
        throw new KustomizeException(
            file + ": replicas entry " + replica + " has a count that is not a whole number");
      }
      new ReplicasTransformer(text(replica, "name"), count.asLong(0))
          .apply(result, file.toString());
    }
    for (JsonNode image : list(fields, "images", file)) {
      requireFields(image, "images", IMAGE_FIELDS, file);
      ImagesTransformer images;
      try {
        images =
            new ImagesTransformer(
                new ImageEntry(
                    text(image, "name"),
                    text(image, "newName"),
                    text(image, "newTag"),
                    text(image, "digest"),
                    text(image, "tagSuffix")));
      } catch (KustomizeException e) {
        throw new KustomizeException(file + ": " + e.getMessage(), e);
      }
      for (ObjectNode resource : result) {
        try {
          images.apply(resource);
        } catch (KustomizeException e) {
          throw new KustomizeException(
              file + ": images entry " + image + " on " + id(resource) + ": " + e.getMessage(), e);
        }
      }
    }
    visiting.remove(real);
    return result;
  }

  private static void requireText(
      Map<String, JsonNode> fields, String field, String expected, Path file) {
    JsonNode value = fields.get(field);
    if (value != null && !expected.equals(value.asText())) {
      throw new KustomizeException(
          file
              + ": "
              + field
              + " is '"
              + value.asText()
              + "' but treum's builder reads only "
              + expected);
    }
  }

  private static Iterable<JsonNode> list(Map<String, JsonNode> fields, String field, Path file) {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new KustomizeException(file + ": " + field + " must be a list, not " + value);
    }
    return value;
  }

  /** Refuses entry fields the builder would otherwise ignore, and entries that are not maps. */
  private static void requireFields(JsonNode entry, String field, Set<String> allowed, Path file) {
    if (!entry.isObject()) {
      throw new KustomizeException(
          file + ": " + field + " entry " + entry + " must be a map of " + new TreeSet<>(allowed));
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
                        + "' of a "
                        + field
                        + " entry is not supported by treum's Kustomize builder (it reads "
                        + new TreeSet<>(allowed)
                        + "); remove it or build this tree with kustomize");
              }
            });
  }

  private void applyPatch(
      Path directory, Path file, JsonNode entry, Map<String, ObjectNode> resources) {
    requireFields(entry, "patches", PATCH_FIELDS, file);
    JsonNode options = entry.path("options");
    if (!options.isMissingNode()) {
      options
          .fields()
          .forEachRemaining(
              option -> {
                if (option.getValue().asBoolean(true)) {
                  throw new KustomizeException(
                      file
                          + ": patch option '"
                          + option.getKey()
                          + "' is not supported by treum's Kustomize builder; remove it or build"
                          + " this tree with kustomize");
                }
              });
    }
    if (entry.has("target")) {
      requireFields(entry.get("target"), "patches target", TARGET_FIELDS, file);
    }
    String text;
    String source;
    if (entry.has("path") && entry.has("patch")) {
      throw new KustomizeException(file + ": a patches entry needs 'path' or 'patch', not both");
    }
    if (entry.has("path")) {
      Path path = contained(directory, entry.get("path").asText(), file);
      text = read(path);
      source = path.toString();
    } else if (entry.has("patch")) {
      text = entry.get("patch").asText();
      source = file + " (inline patch)";
    } else {
      throw new KustomizeException(file + ": a patches entry needs 'path' or 'patch'");
    }
    List<JsonNode> documents = yaml.readAll(text, source);
    boolean json = documents.size() == 1 && documents.get(0).isArray();
    JsonNode target = entry.get("target");
    if (json) {
      if (target == null) {
        throw new KustomizeException(source + ": a JSON 6902 patch needs a 'target'");
      }
      for (Map.Entry<String, ObjectNode> resource : resources.entrySet()) {
        if (selects(target, resource.getValue(), source)) {
          JsonNode patched;
          try {
            patched = JsonPatch.apply(resource.getValue(), documents.get(0));
          } catch (KustomizeException e) {
            throw new KustomizeException(
                source + " on " + id(resource.getValue()) + ": " + e.getMessage(), e);
          }
          resource.setValue((ObjectNode) patched);
        }
      }
      return;
    }
    for (JsonNode document : documents) {
      if (!document.isObject()) {
        throw new KustomizeException(
            source
                + ": a patch is a strategic merge patch (a map) or a JSON 6902 patch (one list of"
                + " operations), not "
                + document);
      }
      ObjectNode patch = (ObjectNode) document;
      boolean matched = false;
      Iterator<Map.Entry<String, ObjectNode>> it = resources.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, ObjectNode> resource = it.next();
        boolean selected =
            target != null
                ? selects(target, resource.getValue(), source)
                : id(resource.getValue()).equals(id(patch));
        if (!selected) {
          continue;
        }
        matched = true;
        ObjectNode original = resource.getValue();
        ObjectNode patched = strategicMerge.apply(original, patch);
        if (patched == null) {
          it.remove();
        } else {
          // Kustomize keeps name, kind and namespace unless the patch allows changing them.
          patched.put("kind", original.path("kind").asText());
          patched.with("metadata").put("name", original.path("metadata").path("name").asText());
          if (original.path("metadata").has("namespace")) {
            patched.with("metadata").set("namespace", original.path("metadata").get("namespace"));
          } else {
            patched.with("metadata").remove("namespace");
          }
          resource.setValue(patched);
        }
      }
      if (!matched && target == null) {
        throw new KustomizeException(
            source
                + ": no resource matches strategic merge patch "
                + id(patch)
                + "; check its apiVersion, kind, name and namespace");
      }
    }
  }

  private static boolean selects(JsonNode target, ObjectNode resource, String source) {
    String apiVersion = resource.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.split("/", 2)[0] : "";
    String version = apiVersion.contains("/") ? apiVersion.split("/", 2)[1] : apiVersion;
    String name = resource.path("metadata").path("name").asText();
    String namespace = resource.path("metadata").path("namespace").asText();
    return matches(target, "group", group, false, source)
        && matches(target, "version", version, false, source)
        && matches(target, "kind", resource.path("kind").asText(), false, source)
        && matches(target, "name", name, true, source)
        && matches(target, "namespace", namespace, true, source);
  }

  private static boolean matches(
      JsonNode target, String field, String value, boolean regex, String source) {
    JsonNode wanted = target.get(field);
    if (wanted == null || wanted.asText().isEmpty()) {
      return true;
    }
    if (!regex) {
      return wanted.asText().equals(value);
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile("^(?:" + wanted.asText() + ")$");
    } catch (PatternSyntaxException e) {
      throw new KustomizeException(
          source
              + ": target "
              + field
              + " '"
              + wanted.asText()
              + "' is not a valid regular expression: "
              + e.getDescription(),
          e);
    }
    try {
      return pattern.matcher(new BoundedCharSequence(value, MAX_REGEX_STEPS)).matches();
    } catch (BoundedCharSequence.TooManySteps e) {
      // Kustomize's regular expressions (Go RE2) run in linear time; Java's may backtrack for ever.
      throw new KustomizeException(
          source
              + ": target "
              + field
              + " '"
              + wanted.asText()
              + "' takes too long to match '"
              + value
              + "'; simplify the expression",
          e);
    }
  }

  /** A string that stops a regular expression match after a number of character reads. */
  private static final class BoundedCharSequence implements CharSequence {
    private final String value;
    private final int[] steps;
    private final int limit;

    BoundedCharSequence(String value, int limit) {
      this(value, new int[1], limit);
    }

    private BoundedCharSequence(String value, int[] steps, int limit) {
      this.value = value;
      this.steps = steps;
      this.limit = limit;
    }

    @Override
    public char charAt(int index) {
      if (++steps[0] > limit) {
        throw new TooManySteps();
      }
      return value.charAt(index);
    }

    @Override
    public int length() {
      return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BoundedCharSequence(value.substring(start, end), steps, limit);
    }

    @Override
    public String toString() {
      return value;
    }

    static final class TooManySteps extends RuntimeException {
      TooManySteps() {
        super(null, null, false, false);
      }
    }
  }

  private static void add(Map<String, ObjectNode> resources, ObjectNode resource, Path source) {
    String id = id(resource);
    if (resources.put(id, resource) != null) {
      throw new KustomizeException(
          source + ": may not add resource with an already registered id: " + id);
    }
  }

  /** Kustomize's resource id: group, version, kind, namespace ("default" = none), name. */
  static String id(JsonNode resource) {
    String namespace = resource.path("metadata").path("namespace").asText("");
    if (namespace.equals("default")) {
      namespace = "";
    }
    return resource.path("apiVersion").asText()
        + "|"
        + resource.path("kind").asText()
        + "|"
        + namespace
        + "|"
        + resource.path("metadata").path("name").asText();
  }

  /** Resolves a file reference, refusing anything outside the kustomization root. */
  private static Path contained(Path root, String reference, Path kustomization) {
    if (Path.of(reference).isAbsolute()) {
      throw new KustomizeException(
          kustomization
              + ": absolute path '"
              + reference
              + "' is not allowed; use a path"
              + " relative to "
              + root);
    }
    Path realRoot = realPath(root, root.toString());
    Path file = realPath(root.resolve(reference), reference + " (in " + kustomization + ")");
    if (!file.startsWith(realRoot)) {
      throw new KustomizeException(
          kustomization
              + ": '"
              + reference
              + "' resolves to "
              + file
              + ", which is outside the kustomization root "
              + realRoot
              + "; move the file below the root");
    }
    return file;
  }

  private static Path realPath(Path path, String what) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new KustomizeException(what + ": file not found (" + path + ")", e);
    }
  }

  private static String read(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
        throw new KustomizeException(file + " is not a regular file");
      }
      if (Files.size(file) > ManifestYaml.MAX_DOCUMENT_CODE_POINTS * 4L) {
        throw new KustomizeException(file + " is too large to be a manifest");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KustomizeException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
