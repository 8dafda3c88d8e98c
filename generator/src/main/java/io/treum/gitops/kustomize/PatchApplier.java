package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Kustomize's patch transformers: a {@code patches} (or {@code patchesJson6902}) entry with {@code
 * path} or inline {@code patch} and an optional {@code target}, and the deprecated {@code
 * patchesStrategicMerge} entries. A patch that is one list of operations is JSON 6902 (it needs a
 * target); anything else is a strategic-merge patch. Without a target, a strategic-merge patch must
 * match exactly one resource by its id (current or earlier); a target that matches nothing is a
 * silent no-op, as in Kustomize.
 */
final class PatchApplier {
  private static final Set<String> OPTIONS = Set.of("allowNameChange", "allowKindChange");

  private final ManifestYaml yaml;
  private final StrategicMergePatch strategicMerge;

  PatchApplier(ManifestYaml yaml, StrategicMergePatch strategicMerge) {
    this.yaml = yaml;
    this.strategicMerge = strategicMerge;
  }

  /** One entry of {@code patches} or {@code patchesJson6902}. */
  void applyEntry(KustomizationRoot root, JsonNode entry, ResourceSet resources, String field) {
    boolean allowNameChange = false;
    boolean allowKindChange = false;
    JsonNode options = entry.path("options");
    if (!options.isMissingNode() && !options.isNull()) {
      if (!options.isObject()) {
        throw new KustomizeException(root.file() + ": " + field + " options must be a map");
      }
      for (var it = options.fieldNames(); it.hasNext(); ) {
        String option = it.next();
        if (!OPTIONS.contains(option)) {
          throw new KustomizeException(
              root.file() + ": unknown patch option '" + option + "' (known: " + OPTIONS + ")");
        }
      }
      allowNameChange = options.path("allowNameChange").asBoolean(false);
      allowKindChange = options.path("allowKindChange").asBoolean(false);
    }
    if (entry.has("path") && entry.has("patch")) {
      throw new KustomizeException(
          root.file() + ": a " + field + " entry needs 'path' or 'patch', not both");
    }
    String text;
    String source;
    if (entry.hasNonNull("path")) {
      Path path = root.file(entry.get("path").asText(), field);
      text = KustomizationRoot.read(path);
      source = path.toString();
    } else if (entry.hasNonNull("patch")) {
      text = entry.get("patch").asText();
      source = root.file() + " (inline patch)";
    } else {
      throw new KustomizeException(root.file() + ": a " + field + " entry needs 'path' or 'patch'");
    }
    TargetSelector target =
        entry.hasNonNull("target")
            ? new TargetSelector(entry.get("target"), root.file() + " (patch " + source + ")")
            : null;
    List<JsonNode> documents = yaml.readAll(text, source);
    if (documents.isEmpty()) {
      throw new KustomizeException(source + ": the patch is empty");
    }
    if (documents.size() == 1 && documents.get(0).isArray()) {
      if (target == null) {
        throw new KustomizeException(source + ": a JSON 6902 patch needs a target");
      }
      for (Resource resource : target.select(resources)) {
        applyJson(resource, documents.get(0), source);
      }
      return;
    }
    if (target != null && documents.size() > 1) {
      throw new KustomizeException(
          source + ": several strategic-merge patches in one entry cannot share a target");
    }
    for (JsonNode document : documents) {
      ObjectNode patch = requireMap(document, source);
      List<Resource> selected =
          target != null ? target.select(resources) : List.of(unique(resources, patch, source));
      for (Resource resource : selected) {
        applyStrategicMerge(resources, resource, patch, allowNameChange, allowKindChange);
      }
    }
  }

  /** One entry of the deprecated {@code patchesStrategicMerge}: a file path or inline YAML. */
  void applyStrategicMergeEntry(KustomizationRoot root, String entry, ResourceSet resources) {
    String text;
    String source;
    List<JsonNode> documents = null;
    if (entry.contains("\n") || entry.trim().startsWith("{")) {
      text = entry;
      source = root.file() + " (inline patchesStrategicMerge)";
    } else {
      Path path = root.file(entry, "patchesStrategicMerge");
      text = KustomizationRoot.read(path);
      source = path.toString();
    }
    documents = yaml.readAll(text, source);
    if (documents.isEmpty()) {
      throw new KustomizeException(source + ": the patch is empty");
    }
    for (JsonNode document : documents) {
      ObjectNode patch = requireMap(document, source);
      applyStrategicMerge(resources, unique(resources, patch, source), patch, false, false);
    }
  }

  private void applyStrategicMerge(
      ResourceSet resources,
      Resource resource,
      ObjectNode patch,
      boolean allowNameChange,
      boolean allowKindChange) {
    ObjectNode original = resource.object();
    String name = original.path("metadata").path("name").asText();
    String kind = original.path("kind").asText();
    JsonNode namespace = original.path("metadata").get("namespace");
    ObjectNode copy = patch.deepCopy();
    // a targeted patch takes the target's apiVersion, as Kustomize's ApplySmPatch does
    copy.set("apiVersion", original.get("apiVersion"));
    if (allowNameChange || allowKindChange) {
      resource.rememberId();
    }
    ObjectNode patched = strategicMerge.apply(original, copy);
    if (patched == null || patched.isEmpty()) {
      resources.remove(resource);
      return;
    }
    if (!allowKindChange) {
      patched.put("kind", kind);
    }
    ObjectNode metadata = patched.with("metadata");
    if (!allowNameChange) {
      metadata.put("name", name);
    }
    if (namespace != null && !namespace.isNull()) {
      metadata.set("namespace", namespace);
    } else {
      metadata.remove("namespace");
    }
    resource.replace(patched);
  }

  private static void applyJson(Resource resource, JsonNode operations, String source) {
    JsonNode patched;
    try {
      patched = JsonPatch.apply(resource.object(), operations);
    } catch (KustomizeException e) {
      throw new KustomizeException(source + " on " + resource.id() + ": " + e.getMessage(), e);
    }
    if (!(patched instanceof ObjectNode object)) {
      throw new KustomizeException(source + " turned " + resource.id() + " into " + patched);
    }
    resource.rememberId();
    resource.replace(object);
  }

  /** The one resource whose current or earlier id is the patch's id. */
  private static Resource unique(ResourceSet resources, ObjectNode patch, String source) {
    ResourceId id = ResourceId.of(patch);
    List<Resource> matches = resources.byAnyId(id);
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new KustomizeException(
        source
            + ": "
            + (matches.isEmpty() ? "no resource matches" : "several resources match")
            + " strategic merge patch "
            + id
            + (matches.isEmpty()
                ? "; check its apiVersion, kind, name and namespace"
                : ": " + matches));
  }

  private static ObjectNode requireMap(JsonNode document, String source) {
    if (!document.isObject()) {
      throw new KustomizeException(
          source
              + ": a patch is a strategic merge patch (a map) or a JSON 6902 patch (one list of"
              + " operations), not "
              + document);
    }
    return (ObjectNode) document;
  }
}
