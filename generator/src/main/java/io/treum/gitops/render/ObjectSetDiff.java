package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.CanonicalJson;
import io.treum.gitops.kustomize.ManifestYaml;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares two sets of Kubernetes objects as Kustomize output is compared: by identity, then by
 * canonical content. Order of objects, of map keys and number formatting do not matter.
 */
public final class ObjectSetDiff {
  private ObjectSetDiff() {}

  /** Human-readable differences, empty when the sets are the same. */
  public static List<String> compare(
      Collection<? extends JsonNode> expected,
      Collection<? extends JsonNode> actual,
      ManifestYaml yaml) {
    SortedMap<ResourceKey, JsonNode> want = index(expected);
    SortedMap<ResourceKey, JsonNode> got = index(actual);
    List<String> differences = new ArrayList<>();
    if (want.size() != expected.size() || got.size() != actual.size()) {
      differences.add(
          "duplicate object ids (expected "
              + expected.size()
              + " objects, "
              + want.size()
              + " distinct; actual "
              + actual.size()
              + ", "
              + got.size()
              + " distinct)");
    }
    for (ResourceKey key : want.keySet()) {
      if (!got.containsKey(key)) {
        differences.add("missing " + key);
      } else if (!CanonicalJson.same(want.get(key), got.get(key))) {
        differences.add(
            "differs "
                + key
                + ":\n"
                + UnifiedDiff.of(
                    "expected", yaml.write(want.get(key)), "actual", yaml.write(got.get(key))));
      }
    }
    for (ResourceKey key : got.keySet()) {
      if (!want.containsKey(key)) {
        differences.add("unexpected " + key);
      }
    }
    return differences;
  }

  private static SortedMap<ResourceKey, JsonNode> index(Collection<? extends JsonNode> objects) {
    SortedMap<ResourceKey, JsonNode> index = new TreeMap<>();
    for (JsonNode object : objects) {
      if (object instanceof ObjectNode) {
        index.put(ResourceKey.of(object), object);
      }
    }
    return index;
  }
}
