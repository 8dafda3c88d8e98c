package io.treum.gitops.bump;

import java.util.List;

/**
 * What a bump did.
 *
 * @param bumpId the bump's id (the {@code Treum-Bump-Id} trailer), the same for the same request
 * @param commit the commit pushed, or {@code null} when none was needed or it was a dry run
 * @param environments the environments whose overlay changed (or would change), sorted
 * @param images the new references, {@code name:tag@digest}
 * @param attempts how many attempts it took (1 without contention)
 * @param outcome what happened
 * @param diff for a dry run, the unified diff of the files and hydrated overlays; else empty
 */
public record BumpResult(
    String bumpId,
    String commit,
    List<String> environments,
    List<String> images,
    int attempts,
    Outcome outcome,
    String diff) {

  /** How a bump ended. */
  public enum Outcome {
    /** A commit was pushed. */
    PUSHED,
    /** The environments already held the references: nothing to commit. */
    UP_TO_DATE,
    /** A commit with this bump id is already on the branch. */
    ALREADY_APPLIED,
    /** Dry run: nothing was touched. */
    DRY_RUN
  }

  public BumpResult {
    environments = List.copyOf(environments);
    images = List.copyOf(images);
    diff = diff == null ? "" : diff;
  }
}
