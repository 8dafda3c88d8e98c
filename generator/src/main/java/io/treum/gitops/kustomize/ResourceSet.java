package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The resources of a build in accumulation order; ids are unique. */
public final class ResourceSet implements Iterable<Resource> {
  private final List<Resource> resources = new ArrayList<>();

  /**
   * The resources by every id they have or had, built lazily, for the duplicate check of {@link
   * #add} and for {@link #byAnyId}. A resource changes only after this set handed it out: one that
   * a lookup handed out is indexed anew before the next use of the index, while the accessors that
   * hand out all resources drop the index. Runs of adds (loading files and bases) and of lookups
   * (strategic-merge patches without a target) so cost linear, not quadratic, time.
   */
  private IdIndex index;

  /** The real paths of the kustomization files a build read, for a set that is a build's output. */
  private Set<Path> kustomizations = Set.of();

  /**
   * Adds a resource.
   *
   * @throws KustomizeException when a resource with the same current id is already there
   */
  public void add(Resource resource) {
    ResourceId id = resource.id();
    for (Resource existing : index().withId(id)) {
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
    index.put(resource);
  }

  public void addAll(ResourceSet other) {
    for (Resource resource : other) {
      add(resource);
    }
  }

  public void remove(Resource resource) {
    resources.remove(resource);
    if (index != null) {
      index.remove(resource);
    }
  }

  public void removeIf(Predicate<Resource> condition) {
    index = null;
    resources.removeIf(condition);
  }

  /** Resources whose current or earlier id is {@code id}, in order. */
  public List<Resource> byAnyId(ResourceId id) {
    List<Resource> found = new ArrayList<>();
    for (Resource resource : index().withId(id)) {
      if (resource.hasId(id)) {
        found.add(resource);
      }
    }
    if (found.size() > 1) {
      found.sort(Comparator.comparingInt(resources::indexOf));
    }
    index.handOut(found);
    return found;
  }

  /**
   * The real paths (symbolic links resolved) of the kustomization files of the overlay, bases and
   * components the build that made this set read, so that a caller editing a kustomization file
   * knows which builds it changes. Empty for a set no build returned.
   */
  public Set<Path> kustomizations() {
    return kustomizations;
  }

  void readFrom(Set<Path> files) {
    kustomizations = Collections.unmodifiableSet(new TreeSet<>(files));
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

  private IdIndex index() {
    if (index == null) {
      index = new IdIndex();
      resources.forEach(index::put);
    }
    index.refresh();
    return index;
  }

  /** Kustomize's id equality as a string: the effective namespace stands for the namespace. */
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

  /** Resources by the keys of their current and earlier ids. */
  private static final class IdIndex {
    private final Map<String, List<Resource>> byKey = new HashMap<>();
    private final Map<Resource, List<String>> keysOf = new IdentityHashMap<>();
    private final Set<Resource> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Resources with {@code id} as the current or an earlier id when they were last indexed. */
    List<Resource> withId(ResourceId id) {
      return List.copyOf(byKey.getOrDefault(key(id), List.of()));
    }

    void put(Resource resource) {
      List<String> keys = new ArrayList<>();
      keys.add(key(resource.id()));
      for (ResourceId previous : resource.previousIds()) {
        String key = key(previous);
        if (!keys.contains(key)) {
          keys.add(key);
        }
      }
      for (String key : keys) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(resource);
      }
      keysOf.put(resource, keys);
    }

    void remove(Resource resource) {
      handedOut.remove(resource);
      List<String> keys = keysOf.remove(resource);
      if (keys == null) {
        return;
      }
      for (String key : keys) {
        List<Resource> withKey = byKey.get(key);
        withKey.remove(resource);
        if (withKey.isEmpty()) {
          byKey.remove(key);
        }
      }
    }

    /** Notes resources that their holder may change. */
    void handOut(List<Resource> given) {
      handedOut.addAll(given);
    }

    /** Indexes the handed-out resources by their ids as they are now. */
    void refresh() {
      for (Resource resource : List.copyOf(handedOut)) {
        remove(resource);
        put(resource);
      }
    }
  }
}
