package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patch, strict as the library Kustomize uses: {@code add} needs an existing parent,
 * {@code remove} and {@code replace} need an existing target, {@code test} compares canonical
 * values. Keys containing {@code /} are written {@code ~1}, {@code ~} as {@code ~0}.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** Applies {@code operations} (a JSON array of operation objects) to a copy of {@code doc}. */
  public static JsonNode apply(JsonNode doc, JsonNode operations) {
    if (!operations.isArray()) {
      throw new KustomizeException("a JSON patch must be a list of operations");
    }
    JsonNode result = doc.deepCopy();
    for (JsonNode op : operations) {
      result = applyOne(result, op);
    }
    return result;
  }

  /**
   * Operations that turn {@code from} into {@code to}: maps are compared key by key (add, remove,
   * recurse), lists of equal length element by element, anything else is replaced at its path.
   */
  public static ArrayNode diff(JsonNode from, JsonNode to) {
    ArrayNode operations = JsonNodeFactory.instance.arrayNode();
    diff(from, to, "", operations);
    return operations;
  }

  private static void diff(JsonNode from, JsonNode to, String pointer, ArrayNode operations) {
    if (CanonicalJson.same(from, to)) {
      return;
    }
    if (from.isObject() && to.isObject()) {
      from.fieldNames()
          .forEachRemaining(
              name -> {
                if (!to.has(name)) {
                  operations
                      .addObject()
                      .put("op", "remove")
                      .put("path", pointer + "/" + escape(name));
                }
              });
      to.fields()
          .forEachRemaining(
              field -> {
                String path = pointer + "/" + escape(field.getKey());
                JsonNode old = from.get(field.getKey());
                if (old == null) {
                  operations
                      .addObject()
                      .put("op", "add")
                      .put("path", path)
                      .set("value", field.getValue().deepCopy());
                } else {
                  diff(old, field.getValue(), path, operations);
                }
              });
      return;
    }
    if (from.isArray() && to.isArray() && from.size() == to.size()) {
      for (int i = 0; i < from.size(); i++) {
        diff(from.get(i), to.get(i), pointer + "/" + i, operations);
      }
      return;
    }
    if (pointer.isEmpty()) {
      throw new KustomizeException("a JSON patch cannot replace a whole resource");
    }
    operations.addObject().put("op", "replace").put("path", pointer).set("value", to.deepCopy());
  }

  /** Escapes one path segment: {@code ~} to {@code ~0}, {@code /} to {@code ~1}. */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode applyOne(JsonNode doc, JsonNode op) {
    String name = op.path("op").asText("");
    String path = op.path("path").asText(null);
    if (path == null) {
      throw new KustomizeException("JSON patch operation without a path: " + op);
    }
    switch (name) {
      case "add":
        return add(doc, path, value(op));
      case "remove":
        return remove(doc, path);
      case "replace":
        remove(doc, path);
        return add(doc, path, value(op));
      case "move":
        {
          String from = op.path("from").asText();
          JsonNode moved = get(doc, from);
          remove(doc, from);
          return add(doc, path, moved);
        }
      case "copy":
        return add(doc, path, get(doc, op.path("from").asText()).deepCopy());
      case "test":
        if (!CanonicalJson.same(get(doc, path), value(op))) {
          throw new KustomizeException("JSON patch test failed at " + path);
        }
        return doc;
      default:
        throw new KustomizeException("unknown JSON patch operation '" + name + "'");
    }
  }

  private static JsonNode value(JsonNode op) {
    if (!op.has("value")) {
      throw new KustomizeException("JSON patch operation without a value: " + op);
    }
    return op.get("value").deepCopy();
  }

  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    if (path.isEmpty()) {
      return segments;
    }
    if (!path.startsWith("/")) {
      throw new KustomizeException("JSON pointer must start with '/': " + path);
    }
    for (String raw : path.substring(1).split("/", -1)) {
      segments.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  private static JsonNode get(JsonNode doc, String path) {
    JsonNode current = doc;
    for (String segment : segments(path)) {
      current = child(current, segment, path);
    }
    return current;
  }

  private static JsonNode child(JsonNode node, String segment, String path) {
    JsonNode next = null;
    if (node.isObject()) {
      next = node.get(segment);
    } else if (node.isArray()) {
      next = node.get(index(segment, node.size() - 1, path));
    }
    if (next == null) {
      throw new KustomizeException("JSON patch path " + path + " does not exist");
    }
    return next;
  }

  private static JsonNode add(JsonNode doc, String path, JsonNode value) {
    List<String> segments = segments(path);
    if (segments.isEmpty()) {
      return value;
    }
    JsonNode parent = doc;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      parent = child(parent, segment, path);
    }
    String last = segments.get(segments.size() - 1);
    if (parent.isObject()) {
      ((ObjectNode) parent).set(last, value);
    } else if (parent.isArray()) {
      ArrayNode array = (ArrayNode) parent;
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(index(last, array.size(), path), value);
      }
    } else {
      throw new KustomizeException("JSON patch path " + path + " has no parent object or list");
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, String path) {
    List<String> segments = segments(path);
    if (segments.isEmpty()) {
      throw new KustomizeException("cannot remove the whole document");
    }
    JsonNode parent = doc;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      parent = child(parent, segment, path);
    }
    String last = segments.get(segments.size() - 1);
    if (parent.isObject() && parent.has(last)) {
      ((ObjectNode) parent).remove(last);
    } else if (parent.isArray()) {
      ((ArrayNode) parent).remove(index(last, parent.size() - 1, path));
    } else {
      throw new KustomizeException("JSON patch path " + path + " does not exist");
    }
    return doc;
  }

  private static int index(String segment, int max, String path) {
    try {
      int index = Integer.parseInt(segment);
      if (index < 0 || index > max || (segment.length() > 1 && segment.startsWith("0"))) {
        throw new KustomizeException("JSON patch index " + segment + " out of range in " + path);
      }
      return index;
    } catch (NumberFormatException e) {
      throw new KustomizeException("JSON patch index '" + segment + "' is not a number in " + path);
    }
  }
}
