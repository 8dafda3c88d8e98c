package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/** Kustomize's {@code replicas: [{name, count}]}: sets {@code spec.replicas} by name. */
public final class ReplicasTransformer {
  /** The kinds whose {@code spec.replicas} Kustomize sets. */
  public static final List<String> KINDS =
      List.of("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet");

  private final String name;
  private final long count;

  public ReplicasTransformer(String name, long count) {
    this.name = name;
    this.count = count;
  }

  /**
   * Applies to every resource of a replicated kind with the name.
   *
   * @throws KustomizeException when the entry has no name or no resource has that name, as
   *     Kustomize does
   */
  public void apply(Collection<ObjectNode> resources, String source) {
    List<Resource> wrapped = new java.util.ArrayList<>();
    resources.forEach(r -> wrapped.add(new Resource(r, source)));
    apply(wrapped, source);
  }

  /**
   * Applies to every resource of a replicated kind whose current or earlier name is the entry's
   * (Kustomize matches "any id", so a name prefix does not hide a workload).
   */
  public void apply(Iterable<Resource> resources, String source) {
    if (name == null || name.isEmpty()) {
      throw new KustomizeException(
          source
              + ": a replicas entry has no name (count "
              + count
              + "); set name to the Deployment or StatefulSet to scale");
    }
    boolean found = false;
    for (Resource resource : resources) {
      if (KINDS.contains(resource.object().path("kind").asText()) && hasName(resource)) {
        found = true;
        FieldSpec.any("spec/replicas", true)
            .update(resource.object(), old -> JsonNodeFactory.instance.numberNode(count));
      }
    }
    if (!found) {
      throw new KustomizeException(
          source
              + ": replicas entry '"
              + name
              + "' matches no Deployment, ReplicaSet,"
              + " ReplicationController or StatefulSet; remove it or fix the name");
    }
  }

  private boolean hasName(Resource resource) {
    if (name.equals(resource.id().name())) {
      return true;
    }
    for (ResourceId previous : resource.previousIds()) {
      if (name.equals(previous.name())) {
        return true;
      }
    }
    return false;
  }
}
