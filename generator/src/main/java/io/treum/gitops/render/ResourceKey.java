package io.treum.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Locale;

/**
 * The identity of a Kubernetes object in a tree, as Kustomize sees it: apiVersion, kind, namespace
 * (empty for none) and name.
 */
public record ResourceKey(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ResourceKey> {

  private static final Comparator<ResourceKey> ORDER =
      Comparator.comparing(ResourceKey::kind)
          .thenComparing(ResourceKey::apiVersion)
          .thenComparing(ResourceKey::namespace)
          .thenComparing(ResourceKey::name);

  /** The key of an object tree; missing fields become empty strings. */
  public static ResourceKey of(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return new ResourceKey(
        object.path("apiVersion").asText(""),
        object.path("kind").asText(""),
        metadata.path("namespace").asText(""),
        metadata.path("name").asText(""));
  }

  /** The API group: empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The API version without the group. */
  public String version() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  /** A file name for the object: {@code <kind>-<name>.yaml}, lower case. */
  public String fileName(boolean withNamespace) {
    String base = kind.toLowerCase(Locale.ROOT);
    if (withNamespace && !namespace.isEmpty()) {
      base += "-" + namespace;
    }
    return base + "-" + name + ".yaml";
  }

  @Override
  public int compareTo(ResourceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
