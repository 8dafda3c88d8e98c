package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.CanonicalJson;
import io.treum.gitops.kustomize.JsonPatch;
import io.treum.gitops.kustomize.KustomizeException;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.kustomize.StrategicMergePatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the minimal strategic-merge patch that turns a base object into an environment's object
 * under Kustomize's merge rules: changed fields only, {@code null} for removed fields, {@code
 * $patch: delete} for removed elements of keyed lists, only as many list elements as the merged
 * order needs, and lists Kustomize replaces wholesale written whole. What a strategic merge cannot
 * say (a map becoming a scalar, removing a value from a merged list of scalars, explicit nulls)
 * becomes a JSON 6902 operation.
 */
public final class OverlayPatchDiffer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** No change at this position (distinct from a {@code null} that deletes). */
  private static final JsonNode NO_CHANGE = NODES.missingNode();

  private final MergeSchema schema;
  private final StrategicMergePatch strategicMerge;

  public OverlayPatchDiffer(MergeSchema schema) {
    this.schema = schema;
    this.strategicMerge = new StrategicMergePatch(schema);
  }

  /**
   * The patch of one object.
   *
   * @param strategicMerge the SMP, or {@code null} when none is needed
   * @param jsonOperations JSON 6902 operations applied after it (possibly empty)
   */
  public record Patch(ObjectNode strategicMerge, ArrayNode jsonOperations) {
    public boolean isEmpty() {
      return strategicMerge == null && jsonOperations.isEmpty();
    }
  }

  /**
   * The patch that turns {@code base} into {@code target}. The strategic merge is checked by
   * applying it as Kustomize does ({@link StrategicMergePatch}, a port of kyaml's merge): where
   * Kustomize would not give the target exactly (kyaml also normalises merged lists the patch does
   * not touch, e.g. it folds a port without protocol into one with), JSON 6902 operations after it
   * set the rest, or, if the strategic merge cannot be applied at all, say everything.
   */
  public Patch diff(ObjectNode base, ObjectNode target) {
    Patch patch = strategicMergeOf(base, target);
    ObjectNode merged;
    try {
      merged =
          patch.strategicMerge() == null
              ? base.deepCopy()
              : strategicMerge.apply(base, patch.strategicMerge());
    } catch (KustomizeException e) {
      return new Patch(null, JsonPatch.diff(base, target));
    }
    if (merged == null) {
      return new Patch(null, JsonPatch.diff(base, target));
    }
    JsonNode result;
    ArrayNode operations = patch.jsonOperations();
    try {
      result = JsonPatch.apply(merged, operations);
    } catch (KustomizeException e) {
      // the operations assumed the merged lists to be in the target's shape
      operations = NODES.arrayNode();
      result = merged;
    }
    operations.addAll(JsonPatch.diff(result, target));
    return new Patch(patch.strategicMerge(), operations);
  }

  private Patch strategicMergeOf(ObjectNode base, ObjectNode target) {
    MergeSchema.Node node =
        schema.forResource(base.path("apiVersion").asText(), base.path("kind").asText());
    ArrayNode operations = NODES.arrayNode();
    JsonNode changes = diffValue(base, target, node, "", operations);
    if (changes == NO_CHANGE) {
      return new Patch(null, operations);
    }
    ObjectNode patch = NODES.objectNode();
    patch.set("apiVersion", base.get("apiVersion"));
    patch.set("kind", base.get("kind"));
    ObjectNode metadata = patch.putObject("metadata");
    metadata.set("name", base.path("metadata").get("name"));
    if (base.path("metadata").has("namespace")) {
      metadata.set("namespace", base.path("metadata").get("namespace"));
    }
    mergeInto(patch, (ObjectNode) changes);
    return new Patch(patch, operations);
  }

  private static void mergeInto(ObjectNode into, ObjectNode changes) {
    changes
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode existing = into.get(field.getKey());
              if (existing instanceof ObjectNode object
                  && field.getValue() instanceof ObjectNode more) {
                mergeInto(object, more);
              } else {
                into.set(field.getKey(), field.getValue());
              }
            });
  }

  private JsonNode diffValue(
      JsonNode base, JsonNode target, MergeSchema.Node node, String pointer, ArrayNode ops) {
    if (CanonicalJson.same(base, target)) {
      return NO_CHANGE;
    }
    if (base.isObject() && target.isObject()) {
      return diffMap((ObjectNode) base, (ObjectNode) target, node, pointer, ops);
    }
    if (base.isArray() && target.isArray()) {
      return diffList((ArrayNode) base, (ArrayNode) target, node, pointer, ops);
    }
    if (base.isContainerNode() || target.isContainerNode() || target.isNull()) {
      ops.add(operation("replace", pointer, target));
      return NO_CHANGE;
    }
    return target;
  }

  private JsonNode diffMap(
      ObjectNode base, ObjectNode target, MergeSchema.Node node, String pointer, ArrayNode ops) {
    ObjectNode patch = NODES.objectNode();
    target
        .fields()
        .forEachRemaining(
            field -> {
              String name = field.getKey();
              String child = pointer + "/" + JsonPatch.escape(name);
              JsonNode value = field.getValue();
              if (!base.has(name)) {
                if (containsNull(value)) {
                  ops.add(operation("add", child, value));
                } else {
                  patch.set(name, value);
                }
                return;
              }
              JsonNode change =
                  diffValue(
                      base.get(name), value, node == null ? null : node.field(name), child, ops);
              if (change != NO_CHANGE) {
                patch.set(name, change);
              }
            });
    base.fieldNames()
        .forEachRemaining(
            name -> {
              if (!target.has(name)) {
                patch.set(name, NullNode.getInstance());
              }
            });
    return patch.isEmpty() ? NO_CHANGE : patch;
  }

  private JsonNode diffList(
      ArrayNode base, ArrayNode target, MergeSchema.Node node, String pointer, ArrayNode ops) {
    if (node == null || !node.isMergeList()) {
      return target;
    }
    List<String> keys = node.mergeKeys();
    JsonNode patch =
        keys.isEmpty()
            ? diffScalarList(base, target)
            : diffKeyedList(base, target, keys, node.elements(), pointer, ops);
    if (patch == null) {
      ops.add(operation("replace", pointer, target));
      return NO_CHANGE;
    }
    return patch;
  }

  /** Patch for a merged list of scalars: a prefix of the target, or null if SMP can't. */
  private static JsonNode diffScalarList(ArrayNode base, ArrayNode target) {
    List<String> baseValues = texts(base);
    List<String> targetValues = texts(target);
    if (baseValues == null
        || targetValues == null
        || new HashSet<>(targetValues).size() != targetValues.size()
        || !new HashSet<>(targetValues).containsAll(baseValues)) {
      return null;
    }
    for (int i = 0; i <= targetValues.size(); i++) {
      Set<String> named = new HashSet<>(targetValues.subList(0, i));
      List<String> rest = new ArrayList<>();
      for (String value : new LinkedHashSet<>(baseValues)) {
        if (!named.contains(value)) {
          rest.add(value);
        }
      }
      if (rest.equals(targetValues.subList(i, targetValues.size()))) {
        ArrayNode patch = NODES.arrayNode();
        for (int j = 0; j < i; j++) {
          patch.add(target.get(j));
        }
        return patch;
      }
    }
    return null;
  }

  private JsonNode diffKeyedList(
      ArrayNode base,
      ArrayNode target,
      List<String> keys,
      MergeSchema.Node elements,
      String pointer,
      ArrayNode ops) {
    keys = effectiveKeys(keys, base, target);
    Map<List<String>, JsonNode> baseByKey = BaseExtractor.byKey(base, keys);
    Map<List<String>, JsonNode> targetByKey = BaseExtractor.byKey(target, keys);
    if (baseByKey == null || targetByKey == null || containsNull(target)) {
      return null;
    }
    if (keys.size() > 1) {
      return diffMultiKeyList(baseByKey, targetByKey, keys, elements, pointer, ops);
    }
    List<List<String>> targetKeys = new ArrayList<>(targetByKey.keySet());
    List<List<String>> remaining = new ArrayList<>();
    for (List<String> key : baseByKey.keySet()) {
      if (targetByKey.containsKey(key)) {
        remaining.add(key);
      }
    }
    int prefix = targetKeys.size();
    for (int i = 0; i <= targetKeys.size(); i++) {
      Set<List<String>> named = new HashSet<>(targetKeys.subList(0, i));
      List<List<String>> rest = new ArrayList<>();
      for (List<String> key : remaining) {
        if (!named.contains(key)) {
          rest.add(key);
        }
      }
      if (!rest.equals(targetKeys.subList(i, targetKeys.size()))) {
        continue;
      }
      boolean unchanged = true;
      for (List<String> key : rest) {
        unchanged &= CanonicalJson.same(baseByKey.get(key), targetByKey.get(key));
      }
      if (unchanged) {
        prefix = i;
        break;
      }
    }
    ArrayNode patch = NODES.arrayNode();
    for (int i = 0; i < prefix; i++) {
      List<String> key = targetKeys.get(i);
      JsonNode element = targetByKey.get(key);
      JsonNode baseElement = baseByKey.get(key);
      if (baseElement == null) {
        patch.add(element);
        continue;
      }
      ObjectNode entry = keyFields(element, keys);
      JsonNode change = diffValue(baseElement, element, elements, pointer + "/" + i, ops);
      if (change instanceof ObjectNode changes) {
        changes.fields().forEachRemaining(f -> entry.set(f.getKey(), f.getValue()));
      }
      patch.add(entry);
    }
    for (Map.Entry<List<String>, JsonNode> entry : baseByKey.entrySet()) {
      if (!targetByKey.containsKey(entry.getKey())) {
        ObjectNode delete = keyFields(entry.getValue(), keys);
        delete.put("$patch", "delete");
        patch.add(delete);
      }
    }
    return patch;
  }

  /**
   * The merge keys Kustomize actually matches by: kyaml ignores a key that no element of either
   * list sets (e.g. {@code protocol} of ports that all leave it out), which makes the list behave
   * as a single-key list.
   */
  private static List<String> effectiveKeys(List<String> keys, ArrayNode base, ArrayNode target) {
    List<String> effective = new ArrayList<>();
    for (String key : keys) {
      boolean set = false;
      for (ArrayNode list : List.of(base, target)) {
        for (JsonNode element : list) {
          JsonNode value = element.get(key);
          set |= value != null && !value.isNull() && !value.isContainerNode();
        }
      }
      if (set) {
        effective.add(key);
      }
    }
    return effective.isEmpty() ? keys : effective;
  }

  /**
   * A list merged by several keys (ports by number and protocol). kyaml orders the merged list
   * differently from a single-key list: elements new in the patch come first (patch order), then
   * every base element in base order, wherever the patch names it. Only a target of that shape is
   * written as a strategic merge, and only when every element sets every key (kyaml matches an
   * element lacking one against any value of it); otherwise the caller replaces the list.
   */
  private JsonNode diffMultiKeyList(
      Map<List<String>, JsonNode> baseByKey,
      Map<List<String>, JsonNode> targetByKey,
      List<String> keys,
      MergeSchema.Node elements,
      String pointer,
      ArrayNode ops) {
    for (Map<List<String>, JsonNode> elementsByKey : List.of(baseByKey, targetByKey)) {
      for (List<String> values : elementsByKey.keySet()) {
        if (values.contains("")) {
          return null;
        }
      }
    }
    List<List<String>> retained = new ArrayList<>();
    boolean seenRetained = false;
    for (List<String> key : targetByKey.keySet()) {
      if (baseByKey.containsKey(key)) {
        retained.add(key);
        seenRetained = true;
      } else if (seenRetained) {
        return null;
      }
    }
    List<List<String>> retainedInBaseOrder = new ArrayList<>(baseByKey.keySet());
    retainedInBaseOrder.retainAll(targetByKey.keySet());
    if (!retained.equals(retainedInBaseOrder)) {
      return null;
    }
    ArrayNode patch = NODES.arrayNode();
    int index = 0;
    for (Map.Entry<List<String>, JsonNode> entry : targetByKey.entrySet()) {
      JsonNode baseElement = baseByKey.get(entry.getKey());
      if (baseElement == null) {
        patch.add(entry.getValue());
      } else {
        JsonNode change =
            diffValue(baseElement, entry.getValue(), elements, pointer + "/" + index, ops);
        if (change instanceof ObjectNode changes) {
          ObjectNode element = keyFields(entry.getValue(), keys);
          changes.fields().forEachRemaining(f -> element.set(f.getKey(), f.getValue()));
          patch.add(element);
        }
      }
      index++;
    }
    for (Map.Entry<List<String>, JsonNode> entry : baseByKey.entrySet()) {
      if (!targetByKey.containsKey(entry.getKey())) {
        ObjectNode delete = keyFields(entry.getValue(), keys);
        delete.put("$patch", "delete");
        patch.add(delete);
      }
    }
    return patch;
  }

  private static ObjectNode keyFields(JsonNode element, List<String> keys) {
    ObjectNode fields = NODES.objectNode();
    for (String key : keys) {
      if (element.has(key)) {
        fields.set(key, element.get(key));
      }
    }
    return fields;
  }

  private static List<String> texts(ArrayNode list) {
    List<String> values = new ArrayList<>();
    for (JsonNode element : list) {
      if (!element.isValueNode() || element.isNull()) {
        return null;
      }
      values.add(element.asText());
    }
    return values;
  }

  private static boolean containsNull(JsonNode node) {
    if (node.isNull()) {
      return true;
    }
    for (JsonNode child : node) {
      if (containsNull(child)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode operation(String op, String path, JsonNode value) {
    ObjectNode operation = NODES.objectNode();
    operation.put("op", op);
    operation.put("path", path);
    operation.set("value", value);
    return operation;
  }
}
