package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.CanonicalJson;
import io.treum.gitops.kustomize.MergeSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes what every environment shares: for an object present in all of them, the fields with
 * equal values everywhere. Maps are intersected key by key; lists that merge by key keep the
 * elements present everywhere (each intersected), in the first environment's order; any other list
 * is kept only when equal everywhere.
 */
public final class BaseExtractor {
  private final MergeSchema schema;

  public BaseExtractor(MergeSchema schema) {
    this.schema = schema;
  }

  /** The shared part of the same object in several environments (at least one). */
  public ObjectNode common(List<ObjectNode> versions) {
    ObjectNode first = versions.get(0);
    MergeSchema.Node node =
        schema.forResource(first.path("apiVersion").asText(), first.path("kind").asText());
    JsonNode result = first;
    for (ObjectNode other : versions.subList(1, versions.size())) {
      result = common(result, other, node);
    }
    return (ObjectNode) result;
  }

  private JsonNode common(JsonNode a, JsonNode b, MergeSchema.Node node) {
    if (CanonicalJson.same(a, b)) {
      return a.deepCopy();
    }
    if (a.isObject() && b.isObject()) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      a.fieldNames()
          .forEachRemaining(
              name -> {
                if (b.has(name)) {
                  JsonNode shared =
                      common(a.get(name), b.get(name), node == null ? null : node.field(name));
                  if (shared != null) {
                    result.set(name, shared);
                  }
                }
              });
      return result.isEmpty() ? null : result;
    }
    if (a.isArray()
        && b.isArray()
        && node != null
        && node.isMergeList()
        && !node.mergeKeys().isEmpty()) {
      List<String> keys = node.mergeKeys();
      Map<List<String>, JsonNode> inB = byKey(b, keys);
      Map<List<String>, JsonNode> inA = byKey(a, keys);
      if (inA == null || inB == null) {
        return null;
      }
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      inA.forEach(
          (key, element) -> {
            JsonNode other = inB.get(key);
            if (other != null) {
              JsonNode shared = common(element, other, node.elements());
              if (shared != null) {
                result.add(shared);
              }
            }
          });
      return result.isEmpty() ? null : result;
    }
    return null;
  }

  /** Elements by merge-key values, or {@code null} if an element lacks them or repeats them. */
  static Map<List<String>, JsonNode> byKey(JsonNode list, List<String> keys) {
    Map<List<String>, JsonNode> result = new LinkedHashMap<>();
    for (JsonNode element : list) {
      if (!element.isObject()) {
        return null;
      }
      List<String> values = new ArrayList<>();
      boolean any = false;
      for (String key : keys) {
        JsonNode value = element.get(key);
        values.add(value == null || value.isNull() ? "" : value.asText());
        any |= value != null && !value.isNull();
      }
      if (!any || result.put(values, element) != null) {
        return null;
      }
    }
    return result;
  }
}
