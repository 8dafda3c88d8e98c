package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private final PatchDecoder decoder;
  private final StrategicMergePatch strategicMerge;

  PatchApplier(ManifestYaml yaml, StrategicMergePatch strategicMerge) {
    this.yaml = yaml;
    this.decoder = new PatchDecoder(yaml);
    this.strategicMerge = strategicMerge;
  }

  /**
   * One entry of the deprecated {@code patchesJson6902} (Kustomize's {@code
   * PatchJson6902Transformer}): a JSON 6902 patch only, a target with a name, and, unlike {@code
   * patches}, the resource's id is not stored before the patch.
   */
  void applyJson6902Entry(KustomizationRoot root, JsonNode entry, ResourceSet resources) {
    String field = "patchesJson6902";
    JsonNode targetNode = entry.get("target");
    if (targetNode == null || targetNode.isNull() || targetNode.path("name").asText("").isEmpty()) {
      throw new KustomizeException(
          root.file() + ": a " + field + " entry must specify the target name: " + entry);
    }
    boolean hasPath = !entry.path("path").asText("").isEmpty();
    boolean hasPatch = !entry.path("patch").asText("").isEmpty();
    if (hasPath == hasPatch) {
      throw new KustomizeException(
          root.file() + ": a " + field + " entry needs a file path or a patch, not both or none");
    }
    String text;
    String source;
    if (hasPath) {
      Path path = root.file(entry.get("path").asText(), field);
      text = KustomizationRoot.read(path);
      source = path.toString();
    } else {
      text = entry.get("patch").asText();
      source = root.file() + " (inline patch)";
    }
    TargetSelector target = new TargetSelector(targetNode, root.file() + " (patch " + source + ")");
    // read untrimmed, unlike an inline patch of patches
    ArrayNode operations = decoder.json6902(text, source);
    if (operations == null || operations.isEmpty()) {
      throw new KustomizeException(
          source + ": a " + field + " patch must be a non-empty list of JSON 6902 operations");
    }
    for (Resource resource : target.select(resources)) {
      applyJson(resource, operations, source, false);
    }
  }

  /** One entry of {@code patches}. */
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
    // Kustomize trims an inline patch first: one of white space only is no patch
    String inline = GoSpace.trim(entry.path("patch").asText(""));
    String file = entry.path("path").asText("");
    if (!inline.isEmpty() && !file.isEmpty()) {
      throw new KustomizeException(
          root.file() + ": a " + field + " entry needs 'path' or 'patch', not both");
    }
    String text;
    String source;
    if (!file.isEmpty()) {
      Path path = root.file(file, field);
      text = KustomizationRoot.read(path);
      source = path.toString();
    } else if (!inline.isEmpty()) {
      text = entry.get("patch").asText();
      source = root.file() + " (inline patch)";
    } else {
      throw new KustomizeException(root.file() + ": a " + field + " entry needs 'path' or 'patch'");
    }
    TargetSelector target =
        entry.hasNonNull("target")
            ? new TargetSelector(entry.get("target"), root.file() + " (patch " + source + ")")
            : null;
    PatchDecoder.Decoded decoded = decoder.decode(text, file.isEmpty(), source);
    if (decoded.isJson6902()) {
      if (decoded.operations() == null) {
        // Kustomize's JSON 6902 patch is nil then, and it does nothing
        return;
      }
      if (target == null) {
        throw new KustomizeException(source + ": a JSON 6902 patch needs a target");
      }
      for (Resource resource : target.select(resources)) {
        applyJson(resource, decoded.operations(), source, true);
      }
      return;
    }
    List<ObjectNode> patches = decoded.strategicMerge();
    if (target != null && patches.size() > 1) {
      throw new KustomizeException(
          source + ": several strategic-merge patches in one entry cannot share a target");
    }
    for (ObjectNode patch : patches) {
      List<Resource> selected =
          target != null ? target.select(resources) : List.of(unique(resources, patch, source));
      for (Resource resource : selected) {
        applyStrategicMerge(
            resources, resource, patch, allowNameChange, allowKindChange, target != null);
      }
    }
  }

  /**
   * The deprecated {@code patchesStrategicMerge} ({@code PatchStrategicMergeTransformer}): each
   * entry is inline YAML if it reads as resources, else a file path; every patch is loaded before
   * any applies, and only when all of them together hold no patch is that an error.
   */
  void applyStrategicMergeEntries(
      KustomizationRoot root, List<String> entries, ResourceSet resources) {
    if (entries.isEmpty()) {
      return;
    }
    List<ObjectNode> loaded = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (String entry : entries) {
      String source = root.file() + " (inline patchesStrategicMerge)";
      List<ObjectNode> patches;
      try {
        patches = resources(entry, source);
      } catch (KustomizeException notInline) {
        if (entry.contains("\n") || entry.trim().startsWith("{")) {
          // meant as inline YAML (no file is named so), and kustomize fails too
          throw notInline;
        }
        Path path = root.file(entry, "patchesStrategicMerge");
        source = path.toString();
        patches = resources(KustomizationRoot.read(path), source);
      }
      for (ObjectNode patch : patches) {
        loaded.add(patch);
        sources.add(source);
      }
    }
    if (loaded.isEmpty()) {
      throw new KustomizeException(
          root.file() + ": the patchesStrategicMerge entries hold no patch: " + entries);
    }
    for (int i = 0; i < loaded.size(); i++) {
      ObjectNode patch = loaded.get(i);
      applyStrategicMerge(
          resources, unique(resources, patch, sources.get(i)), patch, false, false, true);
    }
  }

  /**
   * Applies a strategic-merge patch to one resource.
   *
   * @param copiedMetadata whether Kustomize applies it through {@code ResMap.ApplySmPatch} (the
   *     deprecated {@code patchesStrategicMerge} and {@code patches} with a target), which copies
   *     the patch with {@code CopyMergeMetaDataFieldsFrom} first: its labels and annotations become
   *     maps of strings ({@code a: null} sets {@code "null"} rather than deleting) and an empty or
   *     null map of them is dropped (so it deletes nothing)
   */
  private void applyStrategicMerge(
      ResourceSet resources,
      Resource resource,
      ObjectNode patch,
      boolean allowNameChange,
      boolean allowKindChange,
      boolean copiedMetadata) {
    ObjectNode original = resource.object();
    String name = original.path("metadata").path("name").asText();
    String kind = original.path("kind").asText();
    JsonNode namespace = original.path("metadata").get("namespace");
    ObjectNode copy = patch.deepCopy();
    if (copiedMetadata && copy.get("metadata") instanceof ObjectNode metadata) {
      for (String field : List.of("labels", "annotations")) {
        if (metadata.get(field) instanceof ObjectNode map && !map.isEmpty()) {
          ObjectNode strings = ManifestYaml.newObject();
          map.fields()
              .forEachRemaining(e -> strings.put(e.getKey(), SourceScalars.text(e.getValue())));
          metadata.set(field, strings);
        } else {
          metadata.remove(field);
        }
      }
    }
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
    // kyaml's merge sets a scalar that exists in place: fields sharing its node follow
    resource.sharedValues().sync(patched);
  }

  /**
   * Kustomize's {@code transformJson6902}: the resource stores its id (not in the deprecated {@code
   * patchesJson6902}), then the patch runs on the object with Kustomize's internal annotations in
   * place (see {@link BuildAnnotations}).
   */
  private static void applyJson(
      Resource resource, JsonNode operations, String source, boolean storeId) {
    if (storeId) {
      resource.rememberId();
    }
    JsonNode patched;
    try {
      patched =
          JsonPatch.apply(BuildAnnotations.withInternal(resource.object(), resource), operations);
    } catch (KustomizeException e) {
      throw new KustomizeException(source + " on " + resource.id() + ": " + e.getMessage(), e);
    }
    if (!(patched instanceof ObjectNode object)) {
      throw new KustomizeException(source + " turned " + resource.id() + " into " + patched);
    }
    SourceScalars.forget(object);
    GoNumbers.afterJsonRoundTrip(object);
    BuildAnnotations.withoutInternal(object);
    resource.replace(object);
    // Kustomize re-reads the patched object from JSON: no node is shared any more
    resource.sharedValues().clear();
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

  /** Text read as Kustomize reads resources ({@code SliceFromBytes}). */
  private List<ObjectNode> resources(String text, String source) {
    return KustomizeBuilder.objects(KustomizeBuilder.documents(yaml, text, source), source);
  }
}
