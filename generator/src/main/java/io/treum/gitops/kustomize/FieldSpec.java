package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Where a Kustomize transformer writes: a slash-separated path ({@code []} visits every element of
 * a list), limited to resources of a group/version/kind, optionally creating missing maps.
 */
public record FieldSpec(String group, String version, String kind, String path, boolean create) {

  /** A spec that applies to every resource. */
  public static FieldSpec any(String path, boolean create) {
    return new FieldSpec(null, null, null, path, create);
  }

  /** Whether this spec applies to a resource of the given apiVersion and kind. */
  public boolean selects(String apiVersion, String resourceKind) {
    if (kind != null && !kind.equals(resourceKind)) {
      return false;
    }
    String resourceGroup = apiVersion.contains("/") ? apiVersion.split("/", 2)[0] : "";
    String resourceVersion = apiVersion.contains("/") ? apiVersion.split("/", 2)[1] : apiVersion;
    if (group != null && !group.equals(resourceGroup)) {
      return false;
    }
    return version == null || version.equals(resourceVersion);
  }

  /**
   * Replaces the value at this spec's path of {@code resource} by {@code update.apply(old)}, where
   * {@code old} is {@code null} if absent (and only passed when {@code create} is set). Walks the
   * path as Kustomize's {@code fieldspec} filter does: a list met where the path names a field is
   * traversed element by element, a null stops the walk, and a scalar where the path goes on is an
   * error ({@code expected sequence or mapping node}).
   *
   * @throws KustomizeException naming the path and the object, as Kustomize fails
   */
  public void update(ObjectNode resource, UnaryOperator<JsonNode> update) {
    updateAt(resource, (pointer, old) -> update.apply(old));
  }

  /**
   * {@link #update}, telling the update function the JSON pointer of the place it updates.
   *
   * @throws KustomizeException naming the path and the object, as Kustomize fails
   */
  public void updateAt(ObjectNode resource, BiFunction<String, JsonNode, JsonNode> update) {
    if (!selects(resource.path("apiVersion").asText(), resource.path("kind").asText())) {
      return;
    }
    try {
      filter(resource, "", List.of(path.split("/")), 0, update);
    } catch (KustomizeException e) {
      JsonNode metadata = resource.path("metadata");
      String apiVersion = resource.path("apiVersion").asText();
      int slash = apiVersion.indexOf('/');
      String groupVersion =
          slash < 0
              ? apiVersion
              : apiVersion.substring(slash + 1) + "." + apiVersion.substring(0, slash);
      throw new KustomizeException(
          "considering field '"
              + path
              + "' of object "
              + resource.path("kind").asText()
              + "."
              + groupVersion
              + "/"
              + metadata.path("name").asText()
              + (metadata.hasNonNull("namespace") ? "." + metadata.get("namespace").asText() : "")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void filter(
      JsonNode node,
      String pointer,
      List<String> segments,
      int at,
      BiFunction<String, JsonNode, JsonNode> update) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        filter(node.get(i), pointer + "/" + i, segments, at, update);
      }
    } else if (node instanceof ObjectNode object) {
      field(object, pointer, segments, at, update);
    } else {
      throw new KustomizeException("expected sequence or mapping node");
    }
  }

  private void field(
      ObjectNode object,
      String pointer,
      List<String> segments,
      int at,
      BiFunction<String, JsonNode, JsonNode> update) {
    String segment = segments.get(at);
    boolean each = segment.endsWith("[]");
    String name = each ? segment.substring(0, segment.length() - 2) : segment;
    String childPointer = pointer + "/" + JsonPatch.escape(name);
    boolean last = at == segments.size() - 1;
    JsonNode child = object.get(name);
    boolean creates = create && !each;
    if (child == null && !creates) {
      return;
    }
    if (each && child.isNull()) {
      // Kustomize's field filter takes the [] hint: a null list becomes an empty one
      child = JsonNodeFactory.instance.arrayNode();
      object.set(name, child);
    }
    if (child == null || (child.isNull() && creates)) {
      if (last) {
        setValue(object, name, childPointer, null, update);
        return;
      }
      child = JsonNodeFactory.instance.objectNode();
      object.set(name, child);
    }
    if (last) {
      setValue(object, name, childPointer, child, update);
      return;
    }
    filter(child, childPointer, segments, at + 1, update);
  }

  private static void setValue(
      ObjectNode parent,
      String name,
      String pointer,
      JsonNode old,
      BiFunction<String, JsonNode, JsonNode> update) {
    JsonNode updated = update.apply(pointer, old);
    if (updated != null && updated != old) {
      parent.set(name, updated);
    }
  }
}
