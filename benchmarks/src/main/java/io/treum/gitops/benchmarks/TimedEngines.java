package io.treum.gitops.benchmarks;

import io.treum.gitops.policy.GateReport;
import io.treum.gitops.policy.PolicyEngine;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.PolicySet;
import io.treum.gitops.policy.ValidateRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The policy engines of a bump, timed: the CPU time of the threads that load the policy (Chicory
 * compiles the Wasm module) and evaluate it, so that the gate's share of a bump can be shown. The
 * building of the environment documents and the reports, which also belong to the gate, are not
 * counted.
 */
final class TimedEngines implements Function<ValidateRequest, PolicyEngines.Selection> {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The rule the stubbed engine says it evaluated. */
  private static final String STUB_RULE = "data.treum.benchmark.stub.deny";

  private final Function<ValidateRequest, PolicyEngines.Selection> engines;
  private final AtomicLong load = new AtomicLong();
  private final AtomicLong evaluate = new AtomicLong();

  TimedEngines(Function<ValidateRequest, PolicyEngines.Selection> engines) {
    this.engines = engines;
  }

  /**
   * TREUM's bundled policies with an engine that evaluates nothing and finds nothing: the bump
   * without the policy evaluation, to show what the rest of it costs. Never what a user runs.
   */
  static Function<ValidateRequest, PolicyEngines.Selection> withoutEvaluation(ClassLoader loader) {
    return request ->
        new PolicyEngines.Selection(
            PolicySet.bundled(loader),
            new PolicyEngine() {
              @Override
              public String description() {
                return "no evaluation (benchmark)";
              }

              @Override
              public GateReport evaluate(String environment, String document) {
                // one rule on one object "evaluated": the gate refuses a run that checked nothing
                return new GateReport(
                    environment, 1, new TreeSet<>(Set.of(STUB_RULE)), List.of(), List.of());
              }

              @Override
              public void close() {}
            });
  }

  @Override
  public PolicyEngines.Selection apply(ValidateRequest request) {
    long start = THREADS.getCurrentThreadCpuTime();
    PolicyEngines.Selection selection = engines.apply(request);
    load.addAndGet(THREADS.getCurrentThreadCpuTime() - start);
    PolicyEngine engine = selection.engine();
    return new PolicyEngines.Selection(
        selection.policies(),
        new PolicyEngine() {
          @Override
          public String description() {
            return engine.description();
          }

          @Override
          public GateReport evaluate(String environment, String document) {
            long begin = THREADS.getCurrentThreadCpuTime();
            try {
              return engine.evaluate(environment, document);
            } finally {
              evaluate.addAndGet(THREADS.getCurrentThreadCpuTime() - begin);
            }
          }

          @Override
          public void close() {
            engine.close();
          }
        });
  }

  /** CPU time spent loading the policy into engines. */
  Duration load() {
    return Duration.ofNanos(load.get());
  }

  /** CPU time spent evaluating it. */
  Duration evaluate() {
    return Duration.ofNanos(evaluate.get());
  }
}
