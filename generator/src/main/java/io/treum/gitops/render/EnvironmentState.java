package io.treum.gitops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.model.Environment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * The full object set of one environment, exactly as the definition says it should run: the state
 * that {@code kustomize build overlays/<env>} must reproduce.
 */
public record EnvironmentState(
    Environment environment, SortedMap<ResourceKey, TypedObject> objects) {

  public EnvironmentState {
    objects = Collections.unmodifiableSortedMap(objects);
  }

  public String name() {
    return environment.name();
  }

  /** The object trees, in key order. */
  public List<ObjectNode> trees() {
    List<ObjectNode> trees = new ArrayList<>();
    objects.values().forEach(o -> trees.add(o.tree()));
    return trees;
  }
}
