package io.treum.gitops.policy;

/**
 * Evaluates the policy gate on one environment document (policies/README.md, "Data contract"): the
 * one seam between treum and an OPA runtime. Implementations are thread-safe, so environments can
 * be evaluated in parallel.
 */
public interface PolicyEngine extends AutoCloseable {
  /** The entrypoint every engine evaluates. */
  String REPORT_ENTRYPOINT = "treum/gate/report";

  /** What evaluates, for messages and reports: "in-process Wasm (policy.wasm)", an OPA URL. */
  String description();

  /**
   * Evaluates {@value #REPORT_ENTRYPOINT} with {@code document} as input.
   *
   * @param environment the environment's name, for messages
   * @param document the environment document, as JSON text
   * @throws PolicyException when the policies cannot be evaluated; never returns a partial report
   */
  GateReport evaluate(String environment, String document);

  /** Releases runtimes and connections. */
  @Override
  void close();
}
