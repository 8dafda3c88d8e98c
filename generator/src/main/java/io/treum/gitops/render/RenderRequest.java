package io.treum.gitops.render;

import io.treum.gitops.model.Definition;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What to render.
 *
 * @param definition the service repository's definition
 * @param outputDirectory the root that receives {@code base/} and {@code overlays/}
 * @param environments the environments to render and check; empty means all. The base is always
 *     computed from all environments so that it stays the same.
 */
public record RenderRequest(Definition definition, Path outputDirectory, Set<String> environments) {
  public RenderRequest {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    environments = Set.copyOf(environments);
  }
}
