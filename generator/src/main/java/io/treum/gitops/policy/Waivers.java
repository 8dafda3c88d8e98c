package io.treum.gitops.policy;

import java.util.List;
import java.util.Objects;

/**
 * The waivers of one waiver file, in the file's order.
 *
 * @param file the file they were read from (relative to the tree's root where it lies inside it),
 *     or {@code null} when there is no waiver file
 * @param entries the waivers
 */
public record Waivers(String file, List<Waiver> entries) {

  public Waivers {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  /** No waiver file, no waivers. */
  public static Waivers none() {
    return new Waivers(null, List.of());
  }
}
