package io.treum.gitops.policy;

/**
 * The object a waiver names: by kind and name, and by namespace when given.
 *
 * @param kind the object's kind, compared exactly ({@code Deployment})
 * @param namespace the object's namespace, or {@code null} to match the name in any namespace (and
 *     cluster-scoped objects)
 * @param name the object's name, compared exactly
 */
public record WaiverTarget(String kind, String namespace, String name) {

  public WaiverTarget {
    ObjectRef.requireText(kind, "kind");
    ObjectRef.requireText(name, "name");
    namespace = ObjectRef.blankToNull(namespace);
  }

  /**
   * Parses {@code Kind/namespace/name} or {@code Kind/name} (any namespace).
   *
   * @throws IllegalArgumentException when the text has another shape or an empty part
   */
  public static WaiverTarget parse(String text) {
    String[] parts = text.split("/", -1);
    boolean blankPart = false;
    for (String part : parts) {
      blankPart |= part.isBlank() || !part.equals(part.strip());
    }
    if ((parts.length != 2 && parts.length != 3) || blankPart) {
      throw new IllegalArgumentException(
          "object '"
              + text
              + "' must be Kind/namespace/name or Kind/name (any namespace), e.g."
              + " Deployment/payments/api");
    }
    return parts.length == 2
        ? new WaiverTarget(parts[0], null, parts[1])
        : new WaiverTarget(parts[0], parts[1], parts[2]);
  }

  /** Whether this names {@code object}. */
  public boolean matches(ObjectRef object) {
    return kind.equals(object.kind())
        && name.equals(object.name())
        && (namespace == null || namespace.equals(object.namespace()));
  }

  /** The object a finding about this waiver is reported on (its apiVersion is unknown). */
  public ObjectRef toObjectRef() {
    return new ObjectRef(null, kind, namespace, name);
  }

  /** {@code Kind/namespace/name} or {@code Kind/name}. */
  @Override
  public String toString() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
