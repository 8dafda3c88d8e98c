package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** The resources of a build in accumulation order; ids are unique. */
public final class ResourceSet implements Iterable<Resource> {
  private final List<Resource> resources = new ArrayList<>();

  /**
   * Adds a resource.
   *
   * @throws KustomizeException when a resource with the same current id is already there
   */
  public void add(Resource resource) {
    ResourceId id = resource.id();
    for (Resource existing : resources) {
      if (existing.id().sameAs(id)) {
        throw new KustomizeException(
            resource.source()
                + ": may not add resource with an already registered id: "
                + id
                + " (already added from "
                + existing.source()
                + ")");
      }
    }
    resources.add(resource);
  }

  public void addAll(ResourceSet other) {
    for (Resource resource : other) {
      add(resource);
    }
  }

  public void remove(Resource resource) {
    resources.remove(resource);
  }

  public void removeIf(Predicate<Resource> condition) {
    resources.removeIf(condition);
  }

  /** Resources whose current or earlier id is {@code id}. */
  public List<Resource> byAnyId(ResourceId id) {
    List<Resource> found = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.hasId(id)) {
        found.add(resource);
      }
    }
    return found;
  }

  /** Resources whose current id is {@code id}. */
  public List<Resource> byCurrentId(ResourceId id) {
    List<Resource> found = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.id().sameAs(id)) {
        found.add(resource);
      }
    }
    return found;
  }

  public int size() {
    return resources.size();
  }

  public List<Resource> list() {
    return List.copyOf(resources);
  }

  /** The objects, in order. */
  public List<ObjectNode> objects() {
    List<ObjectNode> objects = new ArrayList<>(resources.size());
    resources.forEach(r -> objects.add(r.object()));
    return objects;
  }

  /** Replaces the order of the resources (same elements). */
  public void reorder(List<Resource> order) {
    resources.clear();
    resources.addAll(order);
  }

  @Override
  public Iterator<Resource> iterator() {
    return List.copyOf(resources).iterator();
  }
}
