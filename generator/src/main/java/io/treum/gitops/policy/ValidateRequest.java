package io.treum.gitops.policy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to validate and how.
 *
 * @param directory the root of a Kustomize tree with {@code overlays/<env>/kustomization.yaml}
 *     ({@code treum.directory})
 * @param environments the overlays to evaluate; empty means every overlay ({@code
 *     treum.environments}). Every overlay is still built, for the cross-environment rules.
 * @param policies folders of {@code .rego}, {@code .wasm} files or jars to add to TREUM's policies
 *     ({@code treum.policies})
 * @param opaUrl an OPA server to evaluate through instead of the in-process engine, or {@code null}
 *     ({@code treum.opa.url})
 * @param formats the reports to write ({@code treum.report.formats})
 * @param reportDirectory the folder that receives them ({@code treum.report.directory})
 * @param waivers the waiver file, or {@code null} for {@value WaiverFile#DEFAULT_NAME} at the
 *     tree's root ({@code treum.waivers})
 * @param failOnWarn whether warnings fail ({@code treum.failOnWarn})
 */
public record ValidateRequest(
    Path directory,
    Set<String> environments,
    List<Path> policies,
    URI opaUrl,
    Set<ReportFormat> formats,
    Path reportDirectory,
    Path waivers,
    boolean failOnWarn) {

  public ValidateRequest {
    Objects.requireNonNull(directory, "directory");
    environments = Set.copyOf(environments);
    policies = List.copyOf(policies);
    formats = Set.copyOf(formats);
    Objects.requireNonNull(reportDirectory, "reportDirectory");
  }
}
