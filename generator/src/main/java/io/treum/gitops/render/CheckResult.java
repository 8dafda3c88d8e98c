package io.treum.gitops.render;

import java.util.List;

/**
 * The outcome of comparing a committed tree with a fresh render.
 *
 * @param differences one entry per file: a unified diff, or a note that it is missing or stale
 */
public record CheckResult(List<String> differences) {
  public CheckResult {
    differences = List.copyOf(differences);
  }

  public boolean upToDate() {
    return differences.isEmpty();
  }
}
