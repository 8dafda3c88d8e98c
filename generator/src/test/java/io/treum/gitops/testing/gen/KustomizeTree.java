package io.treum.gitops.testing.gen;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A random Kustomize tree: its files (path relative to the tree's root, content) and the features
 * it uses. The root folder holds the kustomization to build; bases and components live in
 * sub-folders.
 *
 * @param seed the seed it was generated from, for messages
 */
public record KustomizeTree(
    long seed, Set<KustomizeTreeGenerator.Feature> features, Map<String, String> files) {

  public KustomizeTree {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** Whether any kustomization file of the tree contains {@code text}. */
  public boolean kustomizationsContain(String text) {
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().endsWith("ustomization.yaml")
          || file.getKey().endsWith("ustomization.yml")
          || file.getKey().endsWith("Kustomization")) {
        if (file.getValue().contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every file, for failure messages. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("KustomizeTree(seed ").append(seed).append(", ");
    s.append(features).append(")\n");
    files.forEach((path, content) -> s.append("==> ").append(path).append('\n').append(content));
    return s.toString();
  }
}
