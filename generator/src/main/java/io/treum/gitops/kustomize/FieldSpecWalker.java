package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kustomize's field-spec traversal ({@code api/filters/fieldspec}): follows a field spec's
 * slash-separated path through an object, entering every element of a list met on the way (the path
 * names no list indexes; a trailing {@code []} is only a hint), with {@code \/} escaping a slash
 * inside a key such as an annotation name. Where the path ends it hands the place found to a
 * visitor, whatever the value there: scalar, map or list. A missing field ends the walk silently,
 * unless the spec says create: then maps are created on the way and the last field as an empty
 * string.
 *
 * <p>{@link FieldSpec#update} splits paths naively and stops at lists; name prefixes and name
 * references need Kustomize's exact walk, errors included.
 */
final class FieldSpecWalker {
  /** A place in an object where a path ended: its value, and how to replace it. */
  interface Slot {
    JsonNode value();

    void set(JsonNode value);
  }

  private final FieldSpec spec;
  private final List<String> segments;

  FieldSpecWalker(FieldSpec spec) {
    this.spec = spec;
    this.segments = split(spec.path());
  }

  /**
   * Visits every place at the end of the path in {@code object}; the group/version/kind of the spec
   * is the caller's to check.
   *
   * @throws KustomizeException when the path runs into a scalar before its end, as in Kustomize
   */
  void walk(ObjectNode object, Consumer<Slot> visitor) {
    enterMap(object, 0, object, visitor);
  }

  /** Kustomize's {@code PathSplitter}: {@code /} separates, {@code \/} is a slash in a key. */
  static List<String> split(String path) {
    String[] parts = path.split("/", -1);
    int from = parts.length > 1 && parts[0].isEmpty() ? 1 : 0;
    List<String> result = new ArrayList<>();
    result.add(parts[from]);
    for (int i = from + 1; i < parts.length; i++) {
      int last = result.size() - 1;
      if (result.get(last).endsWith("\\")) {
        String head = result.get(last);
        result.set(last, head.substring(0, head.length() - 1) + "/" + parts[i]);
      } else {
        result.add(parts[i]);
      }
    }
    return result;
  }

  private void visit(Slot slot, int at, ObjectNode root, Consumer<Slot> visitor) {
    if (at == segments.size()) {
      visitor.accept(slot);
      return;
    }
    JsonNode value = slot.value();
    if (value == null || value.isNull()) {
      return;
    }
    if (value instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        visit(new Element(list, i), at, root, visitor);
      }
    } else if (value instanceof ObjectNode map) {
      enterMap(map, at, root, visitor);
    } else {
      throw new KustomizeException(
          "considering field '"
              + spec.path()
              + "' of object "
              + ResourceId.of(root)
              + ": expected sequence or mapping node");
    }
  }

  private void enterMap(ObjectNode map, int at, ObjectNode root, Consumer<Slot> visitor) {
    String segment = segments.get(at);
    boolean sequenceHint = segment.endsWith("[]");
    String name = sequenceHint ? segment.substring(0, segment.length() - 2) : segment;
    if (name.isEmpty()) {
      throw new KustomizeException(
          "considering field '"
              + spec.path()
              + "' of object "
              + ResourceId.of(root)
              + ": cannot set or create an empty field name");
    }
    JsonNode child = map.get(name);
    boolean last = at == segments.size() - 1;
    if (spec.create() && !sequenceHint && (child == null || (!last && child.isNull()))) {
      // Kustomize creates the missing field: a map on the way, an empty string at the end.
      map.set(name, last ? TextNode.valueOf("") : JsonNodeFactory.instance.objectNode());
    } else if (child == null) {
      return;
    } else if (sequenceHint && child.isNull()) {
      // Kustomize's field filter takes the [] hint: a null list becomes an empty one
      map.set(name, JsonNodeFactory.instance.arrayNode());
    }
    visit(new Field(map, name), at + 1, root, visitor);
  }

  private record Field(ObjectNode map, String name) implements Slot {
    @Override
    public JsonNode value() {
      return map.get(name);
    }

    @Override
    public void set(JsonNode value) {
      map.set(name, value);
    }
  }

  private record Element(ArrayNode list, int index) implements Slot {
    @Override
    public JsonNode value() {
      return list.get(index);
    }

    @Override
    public void set(JsonNode value) {
      list.set(index, value);
    }
  }
}
