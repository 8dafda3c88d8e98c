package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RFC 6902 JSON patch exactly as Kustomize applies it (the {@code evanphx/json-patch} v4 library),
 * including where that library is more lenient than the RFC, because a tree must build the same in
 * Java and in Kustomize. Checked against kustomize v5.8.1:
 *
 * <ul>
 *   <li>{@code add}, {@code remove}, {@code replace}, {@code copy}, {@code move} and {@code test}
 *       need the parent of their path to exist; {@code remove} and {@code move} need their source;
 *   <li>{@code replace} of a missing key of an existing map adds it; {@code copy} from a missing
 *       key of an existing map copies {@code null}; {@code add} without a value adds {@code null};
 *   <li>list indices are read like Go's {@code strconv.Atoi} ({@code 01} and {@code +1} are 1) and
 *       may be negative, counting from the end ({@code add} at {@code -1} appends);
 *   <li>{@code test} of a missing key passes when the expected value is {@code null} or absent;
 *       numbers compare by value ({@code 1} equals {@code 1.0});
 *   <li>the first segment of a path is dropped whatever it is, so {@code a/b} means {@code /b}.
 * </ul>
 *
 * <p>Keys containing {@code /} are written {@code ~1}, {@code ~} as {@code ~0}. Unlike the library,
 * copies are limited to {@link #MAX_COPIED_NODES} nodes per patch, so that a few {@code copy}
 * operations that each double a document cannot exhaust memory.
 */
public final class JsonPatch {
  /** Most nodes the {@code copy} operations of one patch may create. */
  public static final int MAX_COPIED_NODES = 1_000_000;

  /** What Go's {@code strconv.Atoi} accepts. */
  private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");

  private JsonPatch() {}

  /**
   * Applies {@code operations} (a JSON array of operation objects) to a copy of {@code doc}.
   *
   * @throws KustomizeException naming the operation that does not apply
   */
  public static JsonNode apply(JsonNode doc, JsonNode operations) {
    if (!operations.isArray()) {
      throw new KustomizeException("a JSON patch must be a list of operations");
    }
    JsonNode result = doc.deepCopy();
    long[] copied = {0};
    for (JsonNode op : operations) {
      if (!op.isObject()) {
        throw new KustomizeException("a JSON patch operation must be a map, not " + op);
      }
      applyOne(result, op, copied);
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

  /**
   * The decoded segments of a pointer, the first one ({@code ""} before a leading slash) dropped.
   */
  static List<String> segments(String path) {
    String[] split = path.split("/", -1);
    List<String> segments = new ArrayList<>();
    for (int i = 1; i < split.length; i++) {
      segments.add(decode(split[i]));
    }
    return segments;
  }

  private static String decode(String segment) {
    // one pass, "~1" before "~0", as Go's strings.NewReplacer does: "~01" is "~1"
    StringBuilder out = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '~' && i + 1 < segment.length() && segment.charAt(i + 1) == '1') {
        out.append('/');
        i++;
      } else if (c == '~' && i + 1 < segment.length() && segment.charAt(i + 1) == '0') {
        out.append('~');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The container a path points into and the key in it; {@code null} when it does not exist. */
  private record Target(JsonNode container, String key) {}

  private static void applyOne(JsonNode doc, JsonNode op, long[] copied) {
    String name = op.path("op").asText("");
    JsonNode pathNode = op.get("path");
    if (pathNode == null || !pathNode.isTextual()) {
      throw new KustomizeException("JSON patch operation without a path: " + op);
    }
    String path = pathNode.asText();
    switch (name) {
      case "add":
        add(required(find(doc, path), "add", path), value(op), path);
        return;
      case "remove":
        remove(required(find(doc, path), "remove", path), path);
        return;
      case "replace":
        {
          Target target = required(find(doc, path), "replace", path);
          if (target.container().isArray()) {
            get(target, path);
            ((ArrayNode) target.container()).set(index(target, path, false), value(op));
          } else {
            ((ObjectNode) target.container()).set(target.key(), value(op));
          }
          return;
        }
      case "move":
        {
          String from = from(op);
          Target source = required(find(doc, from), "move (from)", from);
          JsonNode moved = get(source, from);
          remove(source, from);
          add(
              required(find(doc, path), "move", path),
              moved == null ? NullNode.instance : moved,
              path);
          return;
        }
      case "copy":
        {
          String from = from(op);
          JsonNode value = get(required(find(doc, from), "copy (from)", from), from);
          Target target = required(find(doc, path), "copy", path);
          JsonNode copy = value == null ? NullNode.instance : value.deepCopy();
          copied[0] += size(copy);
          if (copied[0] > MAX_COPIED_NODES) {
            throw new KustomizeException(
                "JSON patch copies more than "
                    + MAX_COPIED_NODES
                    + " nodes (last to "
                    + path
                    + "): refusing a patch that multiplies the document");
          }
          add(target, copy, path);
          return;
        }
      case "test":
        {
          JsonNode actual = get(required(find(doc, path), "test", path), path);
          JsonNode expected = op.get("value");
          boolean passes =
              actual == null
                  ? expected == null || expected.isNull()
                  : expected != null && CanonicalJson.same(actual, expected);
          if (!passes) {
            throw new KustomizeException(
                "JSON patch test failed at "
                    + path
                    + ": found "
                    + actual
                    + ", expected "
                    + expected);
          }
          return;
        }
      default:
        throw new KustomizeException("unknown JSON patch operation '" + name + "' in " + op);
    }
  }

  private static String from(JsonNode op) {
    JsonNode from = op.get("from");
    if (from == null || !from.isTextual()) {
      throw new KustomizeException("JSON patch operation without a from: " + op);
    }
    return from.asText();
  }

  /** The operation's value; an absent value is {@code null}, as in Kustomize. */
  private static JsonNode value(JsonNode op) {
    JsonNode value = op.get("value");
    return value == null ? NullNode.instance : value.deepCopy();
  }

  private static Target required(Target target, String operation, String path) {
    if (target == null) {
      throw new KustomizeException(
          "JSON patch "
              + operation
              + " does not apply: "
              + path
              + " has no parent in the document"
              + (Set.of("add", "move", "copy").contains(operation) && path.lastIndexOf('/') > 0
                  ? " (JSON 6902 creates no missing parent: add "
                      + path.substring(0, path.lastIndexOf('/'))
                      + " in an earlier operation, or use a strategic-merge patch)"
                  : ""));
    }
    return target;
  }

  private static Target find(JsonNode doc, String path) {
    String[] split = path.split("/", -1);
    if (split.length < 2) {
      return null;
    }
    JsonNode current = doc;
    for (int i = 1; i < split.length - 1; i++) {
      JsonNode next;
      try {
        next = get(new Target(current, decode(split[i])), path);
      } catch (KustomizeException e) {
        return null;
      }
      if (next == null || !(next.isObject() || next.isArray())) {
        return null;
      }
      current = next;
    }
    return new Target(current, decode(split[split.length - 1]));
  }

  /** The value at a target: {@code null} for a missing key of a map; an error for a bad index. */
  private static JsonNode get(Target target, String path) {
    if (target.container().isObject()) {
      return target.container().get(target.key());
    }
    return target.container().get(index(target, path, false));
  }

  private static void add(Target target, JsonNode value, String path) {
    if (target.container().isObject()) {
      ((ObjectNode) target.container()).set(target.key(), value);
      return;
    }
    ArrayNode array = (ArrayNode) target.container();
    if (target.key().equals("-")) {
      array.add(value);
    } else {
      array.insert(index(target, path, true), value);
    }
  }

  private static void remove(Target target, String path) {
    if (target.container().isObject()) {
      if (!target.container().has(target.key())) {
        throw new KustomizeException("JSON patch path " + path + " does not exist");
      }
      ((ObjectNode) target.container()).remove(target.key());
      return;
    }
    ((ArrayNode) target.container()).remove(index(target, path, false));
  }

  /** A list index as Go's json-patch reads it; one past the end only for {@code add}. */
  private static int index(Target target, String path, boolean forAdd) {
    int size = target.container().size() + (forAdd ? 1 : 0);
    int index;
    try {
      if (!ATOI.matcher(target.key()).matches()) {
        throw new NumberFormatException(target.key());
      }
      index = Integer.parseInt(target.key());
    } catch (NumberFormatException e) {
      throw new KustomizeException(
          "JSON patch index '" + target.key() + "' is not a number in " + path);
    }
    if (index < 0) {
      index += size;
    }
    if (index < 0 || index >= size) {
      throw new KustomizeException("JSON patch index " + target.key() + " out of range in " + path);
    }
    return index;
  }

  private static long size(JsonNode node) {
    long size = 1;
    for (JsonNode child : node) {
      size += size(child);
    }
    return size;
  }
}
