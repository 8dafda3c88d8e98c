package io.treum.gitops.benchmarks;

import java.util.List;

/**
 * What the benchmark measured for one tree size.
 *
 * @param services services in the base
 * @param objects objects the build of one overlay yields
 * @param treumBuild {@code KustomizeBuilder.build} of one overlay, every overlay and round
 * @param treumHydrate {@code HydrateCommand} of one overlay (build, sort, YAML stream), likewise
 * @param kustomize {@code kustomize build} of one overlay, or {@code null} when not run
 * @param kustomizeNote why kustomize was not run or has no time (empty when it ran)
 * @param checkedAgainstKustomize whether treum's objects were compared with kustomize's (else with
 *     the tree's own expectations)
 * @param problems differences and failures; empty when treum's output is right
 * @param hydrateAll {@code HydrateCommand} of all three overlays in one call, or {@code null} when
 *     it ran out of memory
 * @param hydratedHeapBytes heap held, after a full GC, by the three YAML streams
 */
public record SizeResult(
    int services,
    int objects,
    Timing treumBuild,
    Timing treumHydrate,
    Timing kustomize,
    String kustomizeNote,
    boolean checkedAgainstKustomize,
    List<String> problems,
    Timing hydrateAll,
    long hydratedHeapBytes) {
  public SizeResult {
    problems = List.copyOf(problems);
  }
}
