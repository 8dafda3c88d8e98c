package io.treum.gitops.model;

import java.util.List;
import java.util.Optional;

/**
 * What a service repository supplies: its environments and, for each, its workloads. How a workload
 * differs between environments is plain Java in {@link #workloads(Environment)}, checked by the
 * compiler.
 *
 * <p>The render goal finds the implementation by class name ({@code -Dtreum.definition}) or, when
 * none is named, through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.treum.gitops.model.Definition}). It needs a public no-argument constructor.
 */
public interface Definition {

  /** The environments to render, each into {@code overlays/<name>/}. */
  List<Environment> environments();

  /** The workloads of one environment; each expands into the objects people would write. */
  List<Workload> workloads(Environment environment);

  /**
   * How Argo CD deploys the tree, if treum should render its {@code argocd/} folder (an AppProject
   * and an Application per environment). Empty by default: {@code argocd/} is then left alone.
   */
  default Optional<ArgoCd> argoCd() {
    return Optional.empty();
  }
}
