package io.treum.gitops.testing.gen;

import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * A definition made by {@link DefinitionArbitraries}: environments and workloads whose
 * configuration differs per environment. Each call builds fresh model objects.
 */
public final class GeneratedDefinition implements Definition {
  private final List<EnvSpec> environments;
  private final List<WorkloadSpec<?>> workloads;

  public GeneratedDefinition(List<EnvSpec> environments, List<WorkloadSpec<?>> workloads) {
    this.environments = List.copyOf(environments);
    this.workloads = List.copyOf(workloads);
  }

  /** A new instance with the same specification (fresh model objects on every call anyway). */
  public GeneratedDefinition again() {
    return new GeneratedDefinition(environments, workloads);
  }

  @Override
  public List<Environment> environments() {
    return environments.stream().map(EnvSpec::toEnvironment).toList();
  }

  @Override
  public List<Workload> workloads(Environment environment) {
    int index = -1;
    for (int i = 0; i < environments.size(); i++) {
      if (environments.get(i).name().equals(environment.name())) {
        index = i;
      }
    }
    List<Workload> result = new ArrayList<>();
    for (WorkloadSpec<?> workload : workloads) {
      workload.in(index, environment).ifPresent(result::add);
    }
    return result;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("GeneratedDefinition\n");
    for (int i = 0; i < environments.size(); i++) {
      s.append("  env#").append(i).append(": ").append(environments.get(i)).append('\n');
    }
    for (WorkloadSpec<?> workload : workloads) {
      s.append("  ").append(workload).append('\n');
    }
    return s.toString();
  }
}
