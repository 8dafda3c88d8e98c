package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One object during a build: its current content, the file it came from, and the ids it had before
 * a transformer renamed it or moved it to another namespace (so patches and name references still
 * find it by its original id).
 */
public final class Resource {
  private ObjectNode object;
  private final String source;
  private final List<ResourceId> previousIds = new ArrayList<>();
  private final List<ResourceId> referencedBy = new ArrayList<>();
  private final List<String> namePrefixes = new ArrayList<>();
  private final List<String> nameSuffixes = new ArrayList<>();
  private boolean hashSuffix;
  private String behavior = "create";
  private String generatorBehavior;
  private SharedValues sharedValues = new SharedValues();

  public Resource(ObjectNode object, String source) {
    this.object = object;
    this.source = source;
  }

  /** The object as it is now; transformers change it in place or {@link #replace} it. */
  public ObjectNode object() {
    return object;
  }

  public void replace(ObjectNode newObject) {
    this.object = newObject;
  }

  /** The file (or generator) this resource came from. */
  public String source() {
    return source;
  }

  /** The id as it is now. */
  public ResourceId id() {
    return ResourceId.of(object);
  }

  /** The id it had when it entered the build. */
  public ResourceId originalId() {
    return previousIds.isEmpty() ? id() : previousIds.get(0);
  }

  /** Earlier ids, oldest first. */
  public List<ResourceId> previousIds() {
    return Collections.unmodifiableList(previousIds);
  }

  /** Remembers the current id before the name, kind or namespace changes. */
  public void rememberId() {
    previousIds.add(id());
  }

  /** Whether {@code id} is this resource's current or an earlier id. */
  public boolean hasId(ResourceId id) {
    if (id().sameAs(id)) {
      return true;
    }
    for (ResourceId previous : previousIds) {
      if (previous.sameAs(id)) {
        return true;
      }
    }
    return false;
  }

  /** Ids of resources whose references to this one were already rewritten. */
  public List<ResourceId> referencedBy() {
    return referencedBy;
  }

  /**
   * The name prefixes of the kustomizations this resource went through, innermost first: name
   * references match referrers and targets that share the outer ones (Kustomize's {@code
   * internal.config.kubernetes.io/prefixes} build annotation).
   */
  public List<String> namePrefixes() {
    return Collections.unmodifiableList(namePrefixes);
  }

  /** Records a prefix given to the name; an empty one is not recorded, as in Kustomize. */
  public void addNamePrefix(String prefix) {
    if (!prefix.isEmpty()) {
      namePrefixes.add(prefix);
    }
  }

  /** The name suffixes, innermost first; see {@link #namePrefixes()}. */
  public List<String> nameSuffixes() {
    return Collections.unmodifiableList(nameSuffixes);
  }

  /** Records a suffix given to the name; an empty one is not recorded, as in Kustomize. */
  public void addNameSuffix(String suffix) {
    if (!suffix.isEmpty()) {
      nameSuffixes.add(suffix);
    }
  }

  /** Whether a generated ConfigMap or Secret gets the content-hash name suffix. */
  public boolean hashSuffix() {
    return hashSuffix;
  }

  public void hashSuffix(boolean enabled) {
    this.hashSuffix = enabled;
  }

  /** How a generated resource combines with an existing one: create, merge or replace. */
  public String behavior() {
    return behavior;
  }

  public void behavior(String behavior) {
    this.behavior = behavior;
  }

  /**
   * For a generated ConfigMap or Secret, the behavior its generator entry gave ({@code unspecified}
   * when none), which Kustomize keeps in an internal annotation; {@code null} for other resources.
   */
  public String generatorBehavior() {
    return generatorBehavior;
  }

  public void generatorBehavior(String behavior) {
    this.generatorBehavior = behavior;
  }

  /** The fields of the object that share one node in Kustomize and so change together. */
  SharedValues sharedValues() {
    return sharedValues;
  }

  /** A deep copy, with the same history. */
  public Resource copy() {
    Resource copy = new Resource(object.deepCopy(), source);
    copy.previousIds.addAll(previousIds);
    copy.referencedBy.addAll(referencedBy);
    copy.namePrefixes.addAll(namePrefixes);
    copy.nameSuffixes.addAll(nameSuffixes);
    copy.hashSuffix = hashSuffix;
    copy.behavior = behavior;
    copy.generatorBehavior = generatorBehavior;
    copy.sharedValues = sharedValues.copy();
    return copy;
  }

  @Override
  public String toString() {
    return id() + " (from " + source + ")";
  }
}
