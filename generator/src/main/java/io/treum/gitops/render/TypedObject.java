package io.treum.gitops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object of an environment's typed state.
 *
 * @param workload the workload that produced it (its folder under {@code base/})
 * @param source the Java definition that produced it, for messages and provenance
 * @param tree the object as a JSON tree
 */
public record TypedObject(String workload, String source, ObjectNode tree) {

  public ResourceKey key() {
    return ResourceKey.of(tree);
  }
}
