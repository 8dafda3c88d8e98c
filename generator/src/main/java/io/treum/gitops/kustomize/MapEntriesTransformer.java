package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sets string entries in the maps at a list of field specs: Kustomize's labels and annotations
 * filters ({@code labels}, {@code commonLabels}, {@code commonAnnotations}).
 */
final class MapEntriesTransformer {
  private final SortedMap<String, String> entries;
  private final List<FieldSpec> paths;

  MapEntriesTransformer(Map<String, String> entries, List<FieldSpec> paths) {
    this.entries = new TreeMap<>(entries);
    this.paths = paths;
  }

  void apply(ObjectNode resource) {
    if (entries.isEmpty()) {
      return;
    }
    for (FieldSpec spec : paths) {
      spec.update(resource, this::setEntries);
    }
  }

  private JsonNode setEntries(JsonNode existing) {
    ObjectNode map = existing instanceof ObjectNode object ? object : ManifestYaml.newObject();
    entries.forEach(map::put);
    return map;
  }
}
