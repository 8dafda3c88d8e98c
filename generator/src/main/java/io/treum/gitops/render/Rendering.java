package io.treum.gitops.render;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * A rendered Kustomize tree in memory.
 *
 * @param states the typed state of each rendered environment
 * @param files relative path ({@code /}-separated) to file content, in path order
 */
public record Rendering(List<EnvironmentState> states, SortedMap<String, String> files) {
  public Rendering {
    states = List.copyOf(states);
    files = Collections.unmodifiableSortedMap(files);
  }
}
