package io.treum.gitops.kustomize;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields of one object that hold the very same YAML node in Kustomize, and so change together.
 *
 * <p>Kustomize's label and annotation transformers ({@code labels}, {@code commonLabels}, {@code
 * commonAnnotations}) make one value node per key and object, and put that node into every field
 * spec where the key was missing (metadata, selector, template…); where the key was present, they
 * copy the node's content into the existing node instead. A later transformer or strategic-merge
 * patch that sets one of the shared fields in place (a key already there) so changes all of them: a
 * {@code labels} entry without selectors that sets {@code metadata.labels.app} also changes the
 * {@code app} a {@code commonLabels} put into the selector before. treum's trees hold no shared
 * nodes, so each {@link Resource} remembers the groups and {@link #sync} copies a change to the
 * rest of its group. A JSON 6902 patch re-reads the whole object and so ends all sharing.
 */
final class SharedValues {
  /** The places (JSON pointers) sharing one node, and the value they had when last synced. */
  private static final class Group {
    private final List<JsonPointer> places;
    private JsonNode value;

    Group(List<JsonPointer> places, JsonNode value) {
      this.places = new ArrayList<>(places);
      this.value = value;
    }
  }

  private final List<Group> groups = new ArrayList<>();

  /** Records that the fields at {@code pointers} now share one node holding {@code value}. */
  void add(List<String> pointers, JsonNode value) {
    if (pointers.size() < 2) {
      return;
    }
    List<JsonPointer> places = new ArrayList<>();
    pointers.forEach(p -> places.add(JsonPointer.compile(p)));
    groups.add(new Group(places, value));
  }

  /** Ends all sharing (the object was rebuilt from scratch). */
  void clear() {
    groups.clear();
  }

  boolean isEmpty() {
    return groups.isEmpty();
  }

  /**
   * After fields of {@code object} were set in place: where one field of a group has a new value,
   * every field of the group takes it. A field that is gone, or no longer a scalar, leaves its
   * group.
   */
  void sync(ObjectNode object) {
    for (Group group : groups) {
      JsonNode changed = null;
      for (var it = group.places.iterator(); it.hasNext(); ) {
        JsonNode current = object.at(it.next());
        if (current.isMissingNode() || current.isContainerNode() || current.isNull()) {
          it.remove();
        } else if (changed == null && !current.equals(group.value)) {
          changed = current;
        }
      }
      if (changed == null) {
        continue;
      }
      for (JsonPointer place : group.places) {
        if (object.at(place.head()) instanceof ObjectNode parent) {
          parent.set(place.last().getMatchingProperty(), changed);
        }
      }
      group.value = changed;
    }
    groups.removeIf(g -> g.places.size() < 2);
  }

  /** A copy for a copied resource. */
  SharedValues copy() {
    SharedValues copy = new SharedValues();
    for (Group group : groups) {
      copy.groups.add(new Group(group.places, group.value));
    }
    return copy;
  }
}
