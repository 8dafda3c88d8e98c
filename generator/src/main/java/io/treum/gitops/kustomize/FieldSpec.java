package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
   * {@code old} is {@code null} if absent (and only passed when {@code create} is set).
   */
  public void update(ObjectNode resource, UnaryOperator<JsonNode> update) {
    if (!selects(resource.path("apiVersion").asText(), resource.path("kind").asText())) {
      return;
    }
    visit(resource, List.of(path.split("/")), 0, update);
  }

  private void visit(JsonNode node, List<String> segments, int at, UnaryOperator<JsonNode> update) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    String segment = segments.get(at);
    boolean each = segment.endsWith("[]");
    String name = each ? segment.substring(0, segment.length() - 2) : segment;
    JsonNode child = object.get(name);
    if (at == segments.size() - 1 && !each) {
      if (child == null || child.isNull()) {
        if (!create) {
          return;
        }
        child = null;
      }
      JsonNode updated = update.apply(child);
      if (updated != null) {
        object.set(name, updated);
      }
      return;
    }
    if (each) {
      if (child != null && child.isArray()) {
        for (JsonNode element : child) {
          if (at == segments.size() - 1) {
            continue;
          }
          visit(element, segments, at + 1, update);
        }
      }
      return;
    }
    if (child == null || child.isNull()) {
      if (!create) {
        return;
      }
      child = JsonNodeFactory.instance.objectNode();
      object.set(name, child);
    }
    visit(child, segments, at + 1, update);
  }
}
