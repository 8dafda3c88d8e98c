package io.treum.gitops.kustomize;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What to hydrate.
 *
 * @param directory the root of a Kustomize tree with {@code overlays/<env>/kustomization.yaml}
 * @param environments the overlays to build; empty means every overlay
 * @param output the folder that receives {@code <env>.yaml}, or {@code null} for a stream
 */
public record HydrateRequest(Path directory, Set<String> environments, Path output) {
  public HydrateRequest {
    Objects.requireNonNull(directory, "directory");
    environments = Set.copyOf(environments);
  }
}
