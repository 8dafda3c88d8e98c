package io.treum.gitops.testing.gen;

import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;

/**
 * A mutable description of a workload, copied per environment and changed by {@link Mutation}s
 * before it becomes the model's {@link Workload}.
 *
 * @param <C> the concrete configuration
 */
public interface WorkloadConfig<C extends WorkloadConfig<C>> {
  /** A deep copy. */
  C copy();

  /** The workload this configuration describes in {@code environment}. */
  Workload toWorkload(String name, Environment environment);
}
