package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a strategic-merge patch the way Kustomize v5 does (kyaml {@code merge2} with {@code
 * ListIncreaseDirection: prepend}, no inferred list keys):
 *
 * <ul>
 *   <li>maps merge field by field; a {@code null} value deletes the field; {@code $patch:
 *       delete|replace} on a map deletes or replaces it;
 *   <li>a list merges element by element only where the schema gives it the {@code merge} strategy,
 *       matching elements by the schema's merge keys; the merged list holds the patch's elements
 *       first (in patch order), then the remaining base elements (in base order); {@code $patch:
 *       delete} on an element removes it;
 *   <li>every other list, and every list of a kind the schema does not know, is replaced whole.
 * </ul>
 */
public final class StrategicMergePatch {
  static final String DIRECTIVE = "$patch";

  private final MergeSchema schema;

  public StrategicMergePatch(MergeSchema schema) {
    this.schema = schema;
  }

  /**
   * Returns the patched copy of {@code base}, or {@code null} when the patch deletes the whole
   * object. Neither argument is modified.
   */
  public ObjectNode apply(ObjectNode base, ObjectNode patch) {
    MergeSchema.Node root =
        schema.forResource(base.path("apiVersion").asText(), base.path("kind").asText());
    JsonNode merged = merge(base.deepCopy(), patch.deepCopy(), root);
    return merged == null ? null : (ObjectNode) merged;
  }

  private JsonNode merge(JsonNode dest, JsonNode patch, MergeSchema.Node node) {
    if (node == null) {
      node = schemaOfEmbeddedResource(dest, patch);
    }
    JsonNode kindSource = isMissing(dest) ? patch : dest;
    if (isMissing(kindSource)) {
      return null;
    }
    if (kindSource.isObject()) {
      requireSameKind(dest, patch, true);
      return mergeMap(dest, patch, node);
    }
    if (kindSource.isArray()) {
      requireSameKind(dest, patch, false);
      return mergeList(dest, patch, node);
    }
    if (!isMissing(dest) && !isMissing(patch) && (patch.isContainerNode())) {
      throw new KustomizeException("cannot merge a map or list into the scalar " + dest);
    }
    return patch != null ? (patch.isNull() ? null : patch) : dest;
  }

  private JsonNode mergeMap(JsonNode dest, JsonNode patch, MergeSchema.Node node) {
    ObjectNode target;
    if (isMissing(dest)) {
      if (patch == null || patch.isNull()) {
        return null;
      }
      String directive = takeDirective((ObjectNode) patch);
      if ("delete".equals(directive)) {
        return null;
      }
      // kyaml merges a new map with itself: nested nulls and directives vanish.
      target = (ObjectNode) patch;
      patch = patch.deepCopy();
    } else {
      if (patch != null && patch.isNull()) {
        return null;
      }
      String directive = patch == null ? null : takeDirective((ObjectNode) patch);
      if ("delete".equals(directive)) {
        return null;
      }
      if ("replace".equals(directive)) {
        target = (ObjectNode) patch;
        patch = patch.deepCopy();
      } else {
        target = (ObjectNode) dest;
      }
    }
    if (patch == null) {
      return target;
    }
    TreeSet<String> names = new TreeSet<>();
    target.fieldNames().forEachRemaining(names::add);
    patch.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode merged =
          merge(target.get(name), patch.get(name), node == null ? null : node.field(name));
      if (merged == null) {
        target.remove(name);
      } else {
        target.set(name, merged);
      }
    }
    return target;
  }

  private JsonNode mergeList(JsonNode dest, JsonNode patch, MergeSchema.Node node) {
    boolean associative = node != null && node.isMergeList();
    if (!associative) {
      if (patch == null) {
        return dest;
      }
      return patch.isNull() ? null : patch;
    }
    if (patch != null && patch.isNull()) {
      return null;
    }
    ArrayNode patchList = patch == null ? null : ((ArrayNode) patch).deepCopy();
    String directive = patchList == null ? null : takeListDirective(patchList);
    if ("delete".equals(directive)) {
      return null;
    }
    ArrayNode destList;
    if (isMissing(dest) || "replace".equals(directive)) {
      destList = patchList;
      patchList = patchList.deepCopy();
    } else {
      destList = (ArrayNode) dest;
    }
    if (patchList == null) {
      return destList;
    }
    List<String> keys = node.mergeKeys();
    MergeSchema.Node elements = node.elements();
    if (keys.isEmpty()) {
      return mergeScalars(destList, patchList);
    }
    Map<List<String>, JsonNode> baseByKey = new LinkedHashMap<>();
    for (JsonNode element : destList) {
      if (element.isObject() && !element.isEmpty()) {
        baseByKey.putIfAbsent(keyOf(element, keys), element);
      }
    }
    Map<List<String>, JsonNode> patchByKey = new LinkedHashMap<>();
    for (JsonNode element : patchList) {
      if (element.isObject() && !element.isEmpty()) {
        patchByKey.putIfAbsent(keyOf(element, keys), element);
      }
    }
    List<List<String>> order = new ArrayList<>(patchByKey.keySet());
    for (List<String> key : baseByKey.keySet()) {
      if (!patchByKey.containsKey(key)) {
        order.add(key);
      }
    }
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (List<String> key : order) {
      JsonNode merged = merge(baseByKey.get(key), patchByKey.get(key), elements);
      if (merged == null || (merged.isObject() && merged.isEmpty())) {
        continue;
      }
      if (merged.isObject()) {
        // kyaml puts the merge keys back into an element whose patch dropped them
        for (int i = 0; i < keys.size(); i++) {
          if (!merged.has(keys.get(i)) && !key.get(i).isEmpty()) {
            ((ObjectNode) merged).put(keys.get(i), key.get(i));
          }
        }
      }
      result.add(merged);
    }
    return result;
  }

  private static ArrayNode mergeScalars(ArrayNode dest, ArrayNode patch) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    TreeSet<String> seen = new TreeSet<>();
    for (ArrayNode list : List.of(patch, dest)) {
      for (JsonNode element : list) {
        if (element.isValueNode() && seen.add(element.asText())) {
          result.add(element);
        }
      }
    }
    return result;
  }

  private static List<String> keyOf(JsonNode element, List<String> keys) {
    List<String> values = new ArrayList<>(keys.size());
    for (String key : keys) {
      JsonNode value = element.get(key);
      values.add(value == null || value.isNull() ? "" : value.asText());
    }
    return values;
  }

  private static String takeDirective(ObjectNode patch) {
    JsonNode directive = patch.remove(DIRECTIVE);
    if (directive == null) {
      return null;
    }
    String value = directive.asText();
    if (!value.equals("delete") && !value.equals("replace") && !value.equals("merge")) {
      throw new KustomizeException("unknown patch strategy '" + value + "'");
    }
    return value;
  }

  private static String takeListDirective(ArrayNode patch) {
    for (int i = 0; i < patch.size(); i++) {
      JsonNode element = patch.get(i);
      if (element.isObject() && element.size() == 1 && element.has(DIRECTIVE)) {
        String value = element.get(DIRECTIVE).asText();
        if (!value.equals("delete") && !value.equals("replace") && !value.equals("merge")) {
          throw new KustomizeException("unknown patch strategy '" + value + "'");
        }
        patch.remove(i);
        return value;
      }
    }
    return null;
  }

  private MergeSchema.Node schemaOfEmbeddedResource(JsonNode dest, JsonNode patch) {
    for (JsonNode source : new JsonNode[] {dest, patch}) {
      if (source != null
          && source.isObject()
          && source.path("apiVersion").isTextual()
          && source.path("kind").isTextual()) {
        MergeSchema.Node found =
            schema.forResource(source.get("apiVersion").asText(), source.get("kind").asText());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static void requireSameKind(JsonNode dest, JsonNode patch, boolean object) {
    for (JsonNode node : new JsonNode[] {dest, patch}) {
      if (!isMissing(node) && (object ? !node.isObject() : !node.isArray())) {
        throw new KustomizeException(
            "cannot merge "
                + (object ? "a map" : "a list")
                + " with "
                + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + node);
      }
    }
  }

  private static boolean isMissing(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
