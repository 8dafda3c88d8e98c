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
  public String fileName() {
    return kind.toLowerCase(Locale.ROOT) + "-" + name + ".yaml";
  }

  /** A file name that no other object id shares: kind, group, version, namespace, name. */
  public String qualifiedFileName() {
    // Kind, group and version keep their case: ids that differ only in case stay apart.
    StringBuilder name = new StringBuilder(kind);
    if (!group().isEmpty()) {
      name.append('.').append(group());
    }
    name.append('-').append(version());
    if (!namespace.isEmpty()) {
      name.append('-').append(namespace);
    }
    return name.append('-').append(this.name).append(".yaml").toString();
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
