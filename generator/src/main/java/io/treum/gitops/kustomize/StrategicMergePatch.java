package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Applies a strategic-merge patch the way Kustomize v5 does (kyaml {@code merge2} with {@code
 * ListIncreaseDirection: prepend}, no inferred list keys):
 *
 * <ul>
 *   <li>maps merge field by field; a {@code null} value deletes the field; {@code $patch:
 *       delete|replace} on a map deletes or replaces it;
 *   <li>a list merges element by element only where the schema gives it the {@code merge} strategy,
 *       matching elements by the schema's merge keys; with one key the merged list holds the
 *       patch's elements first (in patch order), then the remaining base elements (in base order);
 *       with several keys (ports: number and protocol) the patch's new elements come first, then
 *       every base element in base order, and an element lacking a key matches any value of it;
 *       {@code $patch: delete} on an element removes it;
 *   <li>every other list, and every list of a kind the schema does not know, is replaced whole.
 * </ul>
 *
 * <p>Merged lists are processed even where the patch does not mention them, as kyaml walks the
 * whole object: elements that repeat a key collapse into one, null and empty elements vanish.
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
      // kyaml keeps an explicit null of the base that the patch does not mention
      return patch == null && dest != null && dest.isNull() ? dest : null;
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
      // kyaml merges a new map with itself (both sources are the same node): nested nulls and
      // directives vanish.
      target = (ObjectNode) patch;
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
      } else {
        target = (ObjectNode) dest;
      }
    }
    // Like kyaml, walk every field even where the patch has none: merged lists of the base are
    // normalised the same way.
    TreeSet<String> names = new TreeSet<>();
    target.fieldNames().forEachRemaining(names::add);
    if (patch != null) {
      patch.fieldNames().forEachRemaining(names::add);
    }
    for (String name : names) {
      JsonNode merged =
          merge(
              target.get(name),
              patch == null ? null : patch.get(name),
              node == null ? null : node.field(name));
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
    // kyaml Merger.VisitList for an associative list
    ArrayNode destList;
    ArrayNode origin;
    if (isMissing(dest)) {
      // the patch's list is added and then merged with itself (both sources are the same node)
      destList = (ArrayNode) patch;
      origin = destList;
    } else if (patch != null && patch.isNull()) {
      return null;
    } else {
      origin = patch == null ? null : (ArrayNode) patch;
      String directive = origin == null ? null : takeListDirective(origin);
      if ("delete".equals(directive)) {
        return null;
      }
      destList = "replace".equals(directive) ? origin : (ArrayNode) dest;
    }
    return new AssociativeList(node.mergeKeys(), node.elements()).merge(destList, origin);
  }

  /**
   * kyaml's {@code walkAssociativeSequence}, {@code setAssociativeSequenceElements} and {@code
   * appendListNode} with {@code ListIncreaseDirection: prepend}, ported step by step (including how
   * {@code ElementSetter} and {@code ElementMatcher} match elements) because the exact order and
   * matching of multi-key lists such as container and Service ports, where a missing {@code
   * protocol} matches any protocol, decide the result.
   */
  private final class AssociativeList {
    private final List<String> keys;
    private final MergeSchema.Node elements;

    AssociativeList(List<String> keys, MergeSchema.Node elements) {
      this.keys = keys.isEmpty() ? List.of("") : keys;
      this.elements = elements;
    }

    /** Merges {@code origin} (the patch, may be {@code null}) into {@code dest}. */
    JsonNode merge(ArrayNode dest, ArrayNode origin) {
      List<List<String>> valuesList =
          keys.get(0).isEmpty() ? primitiveValues(dest, origin) : elementValues(dest, origin);
      ArrayNode items = JsonNodeFactory.instance.arrayNode();
      if (keys.size() > 1) {
        mergeValues(valuesList);
      }
      List<String> validKeys = keys;
      for (List<String> values : valuesList) {
        if (values.isEmpty()) {
          continue;
        }
        List<List<String>> valid = validateKeys(valuesList, values, keys);
        validKeys = valid.get(0);
        List<String> validValues = valid.get(1);
        List<List<String>> lookup = validateKeys(List.of(validValues), validValues, validKeys);
        JsonNode destElement = elementList(dest, lookup.get(0), lookup.get(1));
        JsonNode originElement =
            origin == null ? null : elementList(origin, lookup.get(0), lookup.get(1));
        JsonNode merged = StrategicMergePatch.this.merge(destElement, originElement, elements);
        if (isMissing(merged) || (merged.isObject() && merged.isEmpty())) {
          elementSetter(dest, null, validKeys, validValues);
          continue;
        }
        for (int i = 0; i < validKeys.size(); i++) {
          String key = validKeys.get(i);
          if (validValues.get(i).isEmpty()) {
            continue;
          }
          if (key.isEmpty()) {
            if (merged.isContainerNode()) {
              throw new KustomizeException("cannot merge the list element " + merged);
            }
          } else if (!merged.has(key)) {
            if (!merged.isObject()) {
              throw new KustomizeException("cannot set " + key + " on the list element " + merged);
            }
            ((ObjectNode) merged).set(key, scalar(validValues.get(i)));
          }
        }
        elementSetter(items, merged, validKeys, validValues);
      }
      if (valuesList.isEmpty()) {
        return dest;
      }
      return appendListNode(items, dest, validKeys);
    }

    /** Key values of every element, patch elements first, without repeats. */
    private List<List<String>> elementValues(ArrayNode dest, ArrayNode origin) {
      List<List<String>> result = new ArrayList<>();
      for (ArrayNode source : new ArrayNode[] {origin, dest}) {
        if (source == null) {
          continue;
        }
        for (JsonNode element : source) {
          List<String> values = new ArrayList<>();
          for (String key : keys) {
            JsonNode field = element.isObject() ? element.get(key) : null;
            values.add(
                field == null || field.isNull() || field.isContainerNode() ? "" : text(field));
          }
          if (!result.contains(values)) {
            result.add(values);
          }
        }
      }
      return result;
    }

    /** Values of a merged list of scalars, patch values first, without repeats. */
    private List<List<String>> primitiveValues(ArrayNode dest, ArrayNode origin) {
      List<List<String>> result = new ArrayList<>();
      for (ArrayNode source : new ArrayNode[] {origin, dest}) {
        if (source == null) {
          continue;
        }
        for (JsonNode element : source) {
          List<String> values = List.of(text(element));
          if (!result.contains(values)) {
            result.add(values);
          }
        }
      }
      return result;
    }

    /** kyaml {@code appendListNode}: adds (or replaces by key) each element of src to dst. */
    private ArrayNode appendListNode(ArrayNode dst, ArrayNode src, List<String> keys) {
      for (JsonNode element : new ArrayList<JsonNode>(toList(src))) {
        if (keys.get(0).isEmpty()) {
          elementSetter(dst, element, List.of(""), List.of(text(element)));
          continue;
        }
        List<String> values = new ArrayList<>();
        for (String key : keys) {
          JsonNode value = get(element, key);
          if (value == null) {
            dst.add(element);
            continue;
          }
          values.add(text(value));
        }
        if (keys.size() > 1) {
          elementSetter(dst, null, keys, values);
        }
        elementSetter(dst, element, keys, values);
      }
      return dst;
    }
  }

  /**
   * kyaml {@code ElementSetter}: replaces every element matching the keys/values with {@code
   * element}, or removes them when it is {@code null}, appending it when nothing matched. Like
   * kyaml it drops null and empty-map elements, and a value list shorter than the keys matches on
   * the first values only.
   */
  private static void elementSetter(
      ArrayNode list, JsonNode element, List<String> keys, List<String> values) {
    if (keys.isEmpty()) {
      keys = List.of("");
    }
    boolean mappingSetter = !keys.get(0).isEmpty() && !values.isEmpty() && !values.get(0).isEmpty();
    List<JsonNode> content = new ArrayList<>();
    boolean found = false;
    for (JsonNode existing : toList(list)) {
      if (isMissing(existing) || (existing.isObject() && existing.isEmpty())) {
        continue;
      }
      if (!existing.isObject() && mappingSetter) {
        content.add(existing);
        continue;
      }
      JsonNode matched = null;
      boolean matches = true;
      for (int j = 0; j < keys.size(); j++) {
        if (j < values.size()) {
          matched = fieldMatcher(existing, keys.get(j), values.get(j));
        }
        if (matched == null) {
          matches = false;
          break;
        }
      }
      if (!matches) {
        if (!values.isEmpty()) {
          content.add(existing);
        }
        continue;
      }
      found = true;
      if (element != null) {
        content.add(element);
      }
    }
    list.removeAll();
    list.addAll(content);
    if (!isMissing(element) && !found) {
      list.add(element);
    }
  }

  /**
   * kyaml {@code FieldMatcher} with a string value: the field's value node when present and equal
   * to {@code value}; an empty {@code value} matches any value. An empty {@code name} compares a
   * scalar element itself.
   */
  private static JsonNode fieldMatcher(JsonNode element, String name, String value) {
    if (isMissing(element)) {
      return null;
    }
    if (name.isEmpty()) {
      if (element.isContainerNode()) {
        throw new KustomizeException("cannot match the list element " + element + " by value");
      }
      return text(element).equals(value) ? element : null;
    }
    JsonNode field = get(element, name);
    if (field == null) {
      return null;
    }
    return value.isEmpty() || text(field).equals(value) ? field : null;
  }

  /** kyaml {@code ElementMatcher}: the first element whose keys have exactly these values. */
  private static JsonNode elementList(ArrayNode list, List<String> keys, List<String> values) {
    if (keys.isEmpty() || keys.get(0).isEmpty()) {
      String wanted = values.isEmpty() ? "" : values.get(0);
      for (JsonNode element : list) {
        if (text(element).equals(wanted)) {
          return element;
        }
      }
      return null;
    }
    for (JsonNode element : list) {
      if (!element.isObject()) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < keys.size(); i++) {
        JsonNode field = element.get(keys.get(i));
        if (field == null || !text(field).equals(values.get(i))) {
          matches = false;
          break;
        }
      }
      if (matches) {
        return element;
      }
    }
    return null;
  }

  /** kyaml {@code Get}: a field's value node, or null when absent; fails on non-maps. */
  private static JsonNode get(JsonNode element, String name) {
    if (isMissing(element)) {
      return null;
    }
    if (!element.isObject()) {
      throw new KustomizeException("cannot read field " + name + " of the list element " + element);
    }
    return element.get(name);
  }

  /**
   * kyaml {@code mergeValues}: key value lists that agree where both are set (one may lack e.g. the
   * protocol) are treated as the same element, taking the set values.
   */
  private static void mergeValues(List<List<String>> valuesList) {
    for (int i = 0; i < valuesList.size(); i++) {
      List<String> first = valuesList.get(i);
      for (int j = 0; j < valuesList.size(); j++) {
        List<String> merged = match(first, valuesList.get(j));
        if (merged != null) {
          valuesList.set(i, merged);
          valuesList.set(j, merged);
        }
      }
    }
  }

  private static List<String> match(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return null;
    }
    boolean common = false;
    List<String> result = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).equals(b.get(i))) {
        common = true;
        result.add(a.get(i));
      } else if (!a.get(i).isEmpty() && !b.get(i).isEmpty()) {
        return null;
      } else {
        result.add(a.get(i).isEmpty() ? b.get(i) : a.get(i));
      }
    }
    return common ? result : null;
  }

  /**
   * kyaml {@code validateKeys}: only the keys some element sets take part; returns the keys and the
   * matching values.
   */
  private static List<List<String>> validateKeys(
      List<List<String>> valuesList, List<String> values, List<String> keys) {
    TreeSet<String> valid = new TreeSet<>();
    for (List<String> each : valuesList) {
      for (int i = 0; i < each.size(); i++) {
        if (!each.get(i).isEmpty()) {
          valid.add(keys.get(i));
        }
      }
    }
    if (valid.isEmpty()) {
      return List.of(keys, values);
    }
    List<String> validKeys = new ArrayList<>();
    for (String key : keys) {
      if (valid.contains(key)) {
        validKeys.add(key);
      }
    }
    List<String> validValues = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isEmpty() || valid.contains(keys.get(i))) {
        validValues.add(values.get(i));
      }
    }
    return List.of(validKeys, validValues);
  }

  /** A scalar's text as YAML holds it ({@code Value} of a yaml.Node); empty for collections. */
  private static String text(JsonNode node) {
    if (node == null || node.isContainerNode()) {
      return "";
    }
    return SourceScalars.text(node);
  }

  /** A plain YAML scalar as kyaml writes a merge key it puts back: numbers stay numbers. */
  private static JsonNode scalar(String value) {
    if (value.matches("-?(0|[1-9][0-9]*)")) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
    }
    if (value.equals("true") || value.equals("false")) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
    }
    return JsonNodeFactory.instance.textNode(value);
  }

  private static List<JsonNode> toList(ArrayNode list) {
    List<JsonNode> result = new ArrayList<>();
    list.forEach(result::add);
    return result;
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

  /**
   * kyaml {@code determineSequenceNodePatchStrategy}: the first element with a {@code $patch} key
   * gives the list's directive when it has no other key; the directive's elements are then removed
   * (which, as in kyaml, also drops null and empty elements of the patch list).
   */
  private static String takeListDirective(ArrayNode patch) {
    for (JsonNode element : patch) {
      if (!element.isObject() || !element.has(DIRECTIVE)) {
        continue;
      }
      if (element.size() > 1) {
        return null;
      }
      String value = element.get(DIRECTIVE).asText();
      if (!value.equals("delete") && !value.equals("replace") && !value.equals("merge")) {
        throw new KustomizeException("unknown patch strategy '" + value + "'");
      }
      elementSetter(patch, null, List.of(DIRECTIVE), List.of(value));
      return value;
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
