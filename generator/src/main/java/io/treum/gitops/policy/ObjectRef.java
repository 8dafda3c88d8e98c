package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Objects;

/**
 * The Kubernetes object a finding is about.
 *
 * @param apiVersion the object's {@code apiVersion}, or {@code null} when unknown (a waiver names
 *     objects by kind and name only)
 * @param kind the object's {@code kind}
 * @param namespace the object's namespace, or {@code null} for a cluster-scoped object or when no
 *     namespace is set
 * @param name the object's {@code metadata.name}
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::kind)
          .thenComparing(ObjectRef::namespace, NULLS_FIRST)
          .thenComparing(ObjectRef::name)
          .thenComparing(ObjectRef::apiVersion, NULLS_FIRST);

  public ObjectRef {
    apiVersion = blankToNull(apiVersion);
    namespace = blankToNull(namespace);
    requireText(kind, "kind");
    requireText(name, "name");
  }

  /** Reads apiVersion, kind, metadata.namespace and metadata.name from a manifest. */
  public static ObjectRef of(JsonNode manifest) {
    Objects.requireNonNull(manifest, "manifest");
    JsonNode metadata = manifest.path("metadata");
    return new ObjectRef(
        text(manifest.get("apiVersion")),
        text(manifest.get("kind")),
        text(metadata.get("namespace")),
        text(metadata.get("name")));
  }

  /**
   * {@code Kind/namespace/name}, or {@code Kind/name} without a namespace: the form a waiver's
   * {@code object} takes, so a report line can be copied into the waiver file.
   */
  @Override
  public String toString() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ObjectRef other) {
    return ORDER.compare(this, other);
  }

  private static String text(JsonNode node) {
    return node == null || !node.isTextual() ? null : node.asText();
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
