package io.treum.gitops.benchmarks;

import java.util.List;

/**
 * The validate benchmark's measurements on one platform size.
 *
 * @param services the platform's services
 * @param objects the objects of its three environments together
 * @param validate treum's whole validate ({@code ValidateCommand}: build, evaluate, reports)
 * @param crossRulesOnce kustomize and conftest with the cross-resource rules once per environment
 * @param allNamespaces kustomize and {@code conftest --all-namespaces}
 * @param engine the in-process engine alone
 * @param problems wrong results: differing findings or objects, failed runs; empty when all is
 *     right
 */
public record ValidateSizeResult(
    int services,
    int objects,
    Timing validate,
    PipelineTiming crossRulesOnce,
    PipelineTiming allNamespaces,
    EngineTiming engine,
    List<String> problems) {
  public ValidateSizeResult {
    problems = List.copyOf(problems);
  }

  /**
   * One way of running kustomize and conftest on the three environments.
   *
   * @param timing the runs, or {@code null} when not run
   * @param note why it was not run or what went wrong; empty otherwise
   * @param compared whether conftest's findings were compared with treum's (and equal, unless the
   *     result's {@code problems} say otherwise)
   */
  public record PipelineTiming(Timing timing, String note, boolean compared) {}
}
