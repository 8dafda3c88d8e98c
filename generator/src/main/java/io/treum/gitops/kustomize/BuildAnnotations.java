package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kustomize keeps a resource's build history in {@code internal.config.kubernetes.io/*} annotations
 * of the object itself, and rewrites every object's annotations once more when it strips them
 * ({@code Resource.RemoveBuildAnnotations}, {@code SetOrigin(nil)}). Both show in the output:
 *
 * <ul>
 *   <li>a JSON 6902 patch runs on the object with those annotations present, so it may add to
 *       {@code /metadata/annotations} of an object that has none ({@link #withInternal});
 *   <li>at the end every object's annotations are written back as a map of strings (a scalar's
 *       source text: {@code 1.50} becomes {@code "1.50"}, a map or list {@code ""}), and an empty
 *       or non-map {@code annotations} field is dropped ({@link #finish}).
 * </ul>
 *
 * treum keeps the history in {@link Resource} instead, and recreates the annotations where
 * Kustomize's would be seen.
 */
final class BuildAnnotations {
  static final String PREFIX = "internal.config.kubernetes.io/";

  private BuildAnnotations() {}

  /**
   * The internal annotations Kustomize's object carries: earlier ids (as {@code StorePreviousId}
   * wrote them), the name prefixes and suffixes it was given and, for a generated object, its
   * generator's behavior and whether it needs a hash suffix. A resource read from a file and not
   * yet transformed has none.
   */
  static Map<String, String> of(Resource resource) {
    Map<String, String> annotations = new TreeMap<>();
    List<String> kinds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    for (ResourceId id : resource.previousIds()) {
      kinds.add(id.kind());
      names.add(id.name());
      namespaces.add(ReferralSelection.effectiveNamespace(id));
    }
    putCsv(annotations, "previousKinds", kinds);
    putCsv(annotations, "previousNames", names);
    putCsv(annotations, "previousNamespaces", namespaces);
    putCsv(annotations, "prefixes", resource.namePrefixes());
    putCsv(annotations, "suffixes", resource.nameSuffixes());
    if (resource.generatorBehavior() != null) {
      annotations.put(PREFIX + "generatorBehavior", resource.generatorBehavior());
    }
    if (resource.hashSuffix()) {
      annotations.put(PREFIX + "needsHashSuffix", "enabled");
    }
    return annotations;
  }

  private static void putCsv(Map<String, String> annotations, String key, List<String> values) {
    if (!values.isEmpty()) {
      annotations.put(PREFIX + key, String.join(",", values));
    }
  }

  /** A copy of {@code object} with the resource's internal annotations added, as Kustomize has. */
  static ObjectNode withInternal(ObjectNode object, Resource resource) {
    ObjectNode copy = object.deepCopy();
    Map<String, String> internal = of(resource);
    if (internal.isEmpty()) {
      return copy;
    }
    ObjectNode metadata = copy.with("metadata");
    ObjectNode annotations =
        metadata.get("annotations") instanceof ObjectNode map
            ? map
            : metadata.putObject("annotations");
    internal.forEach(annotations::put);
    return copy;
  }

  /**
   * After a JSON 6902 patch: the internal annotations are restored in Kustomize (whatever the patch
   * did to them), then dropped here because treum keeps them in the {@link Resource}; the other
   * annotations are rewritten as strings as Kustomize's {@code SetAnnotations} does, which drops
   * the field when the map is empty.
   */
  static void withoutInternal(ObjectNode object) {
    ObjectNode metadata = object.with("metadata");
    ObjectNode rewritten = ManifestYaml.newObject();
    if (metadata.get("annotations") instanceof ObjectNode annotations) {
      annotations
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().startsWith(PREFIX)) {
                  rewritten.put(e.getKey(), text(e.getValue()));
                }
              });
    }
    if (rewritten.isEmpty()) {
      // SetAnnotations clears the field for an empty map: without internal annotations to put
      // back, Kustomize's object has no annotations now (a later JSON 6902 add under
      // /metadata/annotations then fails); with them, treum recreates the map in withInternal
      metadata.remove("annotations");
    } else {
      metadata.set("annotations", rewritten);
    }
  }

  /**
   * Kustomize's last rewrite of every object's annotations: a map of scalar texts, or no field at
   * all when that map is empty.
   */
  static void finish(ObjectNode object) {
    if (!(object.get("metadata") instanceof ObjectNode metadata) || !metadata.has("annotations")) {
      return;
    }
    JsonNode annotations = metadata.get("annotations");
    if (!(annotations instanceof ObjectNode map) || map.isEmpty()) {
      metadata.remove("annotations");
      return;
    }
    ObjectNode rewritten = ManifestYaml.newObject();
    map.fields().forEachRemaining(e -> rewritten.put(e.getKey(), text(e.getValue())));
    metadata.set("annotations", rewritten);
  }

  private static String text(JsonNode value) {
    return SourceScalars.text(value);
  }
}
