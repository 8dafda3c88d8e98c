package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kustomize's resource id: group, version, kind, namespace and name. Two ids are the same when all
 * agree, an empty namespace counting as {@code default} and the namespace of a cluster-scoped kind
 * not counting at all (Kustomize's "effective namespace").
 */
public record ResourceId(String group, String version, String kind, String namespace, String name) {

  /** The id of an object as it is now. */
  public static ResourceId of(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    JsonNode metadata = object.path("metadata");
    return new ResourceId(
        slash < 0 ? "" : apiVersion.substring(0, slash),
        slash < 0 ? apiVersion : apiVersion.substring(slash + 1),
        object.path("kind").asText(""),
        metadata.path("namespace").asText(""),
        metadata.path("name").asText(""));
  }

  /** Kustomize's stand-in for the namespace of cluster-scoped objects. */
  static final String NOT_A_NAMESPACE = "_non_namespaceable_";

  /**
   * Kustomize's {@code EffectiveNamespace}: a stand-in for cluster-scoped kinds (whatever namespace
   * the object claims), {@code default} when empty, else the namespace.
   */
  public String effectiveNamespace() {
    if (isClusterScoped()) {
      return NOT_A_NAMESPACE;
    }
    return namespace.isEmpty() ? "default" : namespace;
  }

  /** Whether Kustomize's built-in schema has this group, version and kind as cluster-scoped. */
  public boolean isClusterScoped() {
    return NamespaceTransformer.isClusterScoped(apiVersion(), kind);
  }

  /** Kustomize's {@code ResId.Equals}: same group, version, kind, name, effective namespace. */
  public boolean sameAs(ResourceId other) {
    return group.equals(other.group)
        && version.equals(other.version)
        && kind.equals(other.kind)
        && name.equals(other.name)
        && effectiveNamespace().equals(other.effectiveNamespace());
  }

  /**
   * Kustomize's {@code Gvk.IsSelected}: whether this id's group, version and kind match a selector
   * whose {@code null} or empty fields match anything.
   */
  public boolean isSelectedBy(String selectorGroup, String selectorVersion, String selectorKind) {
    return matches(selectorGroup, group)
        && matches(selectorVersion, version)
        && matches(selectorKind, kind);
  }

  private static boolean matches(String selector, String value) {
    return selector == null || selector.isEmpty() || selector.equals(value);
  }

  /** The id with another name. */
  public ResourceId withName(String newName) {
    return new ResourceId(group, version, kind, namespace, newName);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion() + " " + kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
