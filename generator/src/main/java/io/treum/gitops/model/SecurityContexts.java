package io.treum.gitops.model;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The hardened security contexts every treum construct uses (Kubernetes' restricted Pod Security
 * Standard plus a read-only root filesystem), for objects written with fabric8 builders and {@link
 * Workload#of}: the TREUM policies' SEC rules pass on them.
 */
public final class SecurityContexts {
  private SecurityContexts() {}

  /**
   * A container that runs as non-root, cannot escalate privileges, drops every capability, uses the
   * RuntimeDefault seccomp profile and has a read-only root filesystem.
   */
  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** A pod whose containers run as non-root with the RuntimeDefault seccomp profile. */
  public static PodSecurityContext pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }
}
