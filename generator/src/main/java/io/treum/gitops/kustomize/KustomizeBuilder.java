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
import java.util.regex.Pattern;

/**
 * Builds a Kustomize tree in Java, as {@code kustomize build <dir>} does, for the fields treum
 * writes: {@code resources} (files and bases), {@code patches} (strategic merge and JSON 6902, with
 * or without {@code target}), {@code namespace}, {@code labels}, {@code replicas} and {@code
 * images}, applied in Kustomize's order. Any other field is refused with an error naming it and the
 * file, never ignored.
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
    if (!visiting.add(real)) {
      throw new KustomizeException("cycle: " + directory + " includes itself through its bases");
    }
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
      fields.put(key, field.getValue());
    }
    Map<String, ObjectNode> resources = new LinkedHashMap<>();
    for (JsonNode entry : fields.getOrDefault("resources", ManifestYaml.newArray())) {
      String reference = entry.asText();
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
    for (JsonNode patch : fields.getOrDefault("patches", ManifestYaml.newArray())) {
      applyPatch(directory, file, patch, resources);
    }
    List<ObjectNode> result = new ArrayList<>(resources.values());
    if (fields.containsKey("namespace")) {
      NamespaceTransformer namespace = new NamespaceTransformer(fields.get("namespace").asText());
      result.forEach(namespace::apply);
    }
    for (JsonNode label : fields.getOrDefault("labels", ManifestYaml.newArray())) {
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
    for (JsonNode replica : fields.getOrDefault("replicas", ManifestYaml.newArray())) {
      new ReplicasTransformer(replica.path("name").asText(), replica.path("count").asLong())
          .apply(result, file.toString());
    }
    for (JsonNode image : fields.getOrDefault("images", ManifestYaml.newArray())) {
      ImagesTransformer images =
          new ImagesTransformer(
              new ImageEntry(
                  text(image, "name"),
                  text(image, "newName"),
                  text(image, "newTag"),
                  text(image, "digest"),
                  text(image, "tagSuffix")));
      result.forEach(images::apply);
    }
    visiting.remove(real);
    return result;
  }

  private void applyPatch(
      Path directory, Path file, JsonNode entry, Map<String, ObjectNode> resources) {
    String text;
    String source;
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
        if (selects(target, resource.getValue())) {
          resource.setValue((ObjectNode) JsonPatch.apply(resource.getValue(), documents.get(0)));
        }
      }
      return;
    }
    for (JsonNode document : documents) {
      ObjectNode patch = (ObjectNode) document;
      boolean matched = false;
      Iterator<Map.Entry<String, ObjectNode>> it = resources.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, ObjectNode> resource = it.next();
        boolean selected =
            target != null
                ? selects(target, resource.getValue())
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

  private static boolean selects(JsonNode target, ObjectNode resource) {
    String apiVersion = resource.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.split("/", 2)[0] : "";
    String version = apiVersion.contains("/") ? apiVersion.split("/", 2)[1] : apiVersion;
    return matches(target, "group", group, false)
        && matches(target, "version", version, false)
        && matches(target, "kind", resource.path("kind").asText(), false)
        && matches(target, "name", resource.path("metadata").path("name").asText(), true)
        && matches(target, "namespace", resource.path("metadata").path("namespace").asText(), true);
  }

  private static boolean matches(JsonNode target, String field, String value, boolean regex) {
    JsonNode wanted = target.get(field);
    if (wanted == null || wanted.asText().isEmpty()) {
      return true;
    }
    return regex
        ? Pattern.compile("^(?:" + wanted.asText() + ")$").matcher(value).matches()
        : wanted.asText().equals(value);
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
