package io.treum.gitops.testing.gen;

import java.util.List;

/**
 * How one environment differs from a workload's shared configuration.
 *
 * @param present whether the environment has the workload at all
 * @param mutations changes applied, in order, to a copy of the shared configuration
 */
public record Variant<C>(boolean present, List<Mutation<C>> mutations) {
  public Variant {
    mutations = List.copyOf(mutations);
  }

  @Override
  public String toString() {
    return present ? mutations.toString() : "absent";
  }
}
