package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sets string entries in the maps at a list of field specs: Kustomize's labels and annotations
 * filters ({@code labels}, {@code commonLabels}, {@code commonAnnotations}). Like Kustomize, the
 * fields of one key that did not exist before share one value (see {@link SharedValues}), and the
 * fields that existed are set in place, which changes the fields sharing their value.
 */
final class MapEntriesTransformer {
  private final SortedMap<String, String> entries;
  private final List<FieldSpec> paths;

  MapEntriesTransformer(Map<String, String> entries, List<FieldSpec> paths) {
    this.entries = new TreeMap<>(entries);
    this.paths = paths;
  }

  void apply(Resource resource) {
    if (entries.isEmpty()) {
      return;
    }
    ObjectNode object = resource.object();
    Map<String, List<String>> created = new TreeMap<>();
    for (FieldSpec spec : paths) {
      spec.updateAt(object, (pointer, existing) -> setEntries(pointer, existing, created));
    }
    resource.sharedValues().sync(object);
    created.forEach(
        (key, pointers) ->
            resource.sharedValues().add(pointers, TextNode.valueOf(entries.get(key))));
  }

  private JsonNode setEntries(
      String pointer, JsonNode existing, Map<String, List<String>> created) {
    ObjectNode map = existing instanceof ObjectNode object ? object : ManifestYaml.newObject();
    entries.forEach(
        (key, value) -> {
          if (!map.has(key)) {
            created
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(pointer + "/" + JsonPatch.escape(key));
          }
          map.put(key, value);
        });
    return map;
  }
}
