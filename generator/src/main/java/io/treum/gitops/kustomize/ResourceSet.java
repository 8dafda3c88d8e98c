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
   * Current ids for the duplicate check of {@link #add}, built lazily. Resources change only
   * through accessors that hand them out, so those drop the index; runs of adds (loading files and
   * bases) then cost linear, not quadratic, time.
   */
  private java.util.Map<String, Resource> index;

  /**
   * Adds a resource.
   *
   * @throws KustomizeException when a resource with the same current id is already there
   */
  public void add(Resource resource) {
    if (index == null) {
      index = new java.util.HashMap<>();
      for (Resource existing : resources) {
        index.put(key(existing.id()), existing);
      }
    }
    ResourceId id = resource.id();
    Resource existing = index.putIfAbsent(key(id), resource);
    if (existing != null) {
      throw new KustomizeException(
          resource.source()
              + ": may not add resource with an already registered id: "
              + id
              + " (already added from "
              + existing.source()
              + ")");
    }
    resources.add(resource);
  }

  private static String key(ResourceId id) {
    return id.group()
        + "\n"
        + id.version()
        + "\n"
        + id.kind()
        + "\n"
        + id.effectiveNamespace()
        + "\n"
        + id.name();
  }

  public void addAll(ResourceSet other) {
    for (Resource resource : other) {
      add(resource);
    }
  }

  public void remove(Resource resource) {
    index = null;
    resources.remove(resource);
  }

  public void removeIf(Predicate<Resource> condition) {
    index = null;
    resources.removeIf(condition);
  }

  /** Resources whose current or earlier id is {@code id}. */
  public List<Resource> byAnyId(ResourceId id) {
    index = null;
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
    index = null;
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
    index = null;
    return List.copyOf(resources);
  }

  /** The objects, in order. */
  public List<ObjectNode> objects() {
    index = null;
    List<ObjectNode> objects = new ArrayList<>(resources.size());
    resources.forEach(r -> objects.add(r.object()));
    return objects;
  }

  /** Replaces the order of the resources (same elements). */
  public void reorder(List<Resource> order) {
    index = null;
    resources.clear();
    resources.addAll(order);
  }

  @Override
  public Iterator<Resource> iterator() {
    index = null;
    return List.copyOf(resources).iterator();
  }
}
