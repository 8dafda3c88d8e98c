package io.treum.gitops.testing.gen;

import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.List;
import java.util.Optional;

/**
 * A generated workload: a shared configuration and one {@link Variant} per environment.
 *
 * @param name the workload name (unique in the definition)
 * @param base the configuration before per-environment changes
 * @param variants one per environment, in environment order
 */
public record WorkloadSpec<C extends WorkloadConfig<C>>(
    String name, C base, List<Variant<C>> variants) {

  public WorkloadSpec {
    variants = List.copyOf(variants);
  }

  /** The workload in the environment at {@code index}, if present there. */
  public Optional<Workload> in(int index, Environment environment) {
    Variant<C> variant = variants.get(index);
    if (!variant.present()) {
      return Optional.empty();
    }
    C config = base.copy();
    variant.mutations().forEach(m -> m.applyTo(config));
    return Optional.of(config.toWorkload(name, environment));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("workload " + name + ": " + base);
    for (int i = 0; i < variants.size(); i++) {
      s.append("\n    env#").append(i).append(": ").append(variants.get(i));
    }
    return s.toString();
  }
}
