package io.treum.gitops.maven;

import io.treum.gitops.bump.BumpException;
import io.treum.gitops.kustomize.KustomizeException;
import io.treum.gitops.kustomize.YamlException;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.policy.PolicyException;
import io.treum.gitops.policy.ReportException;
import io.treum.gitops.policy.RuleCatalogueException;
import io.treum.gitops.policy.WaiverException;
import io.treum.gitops.render.RenderException;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place that maps treum's exceptions to Maven's: problems with the user's definition, tree,
 * policies, waivers or parameters (an engine that cannot evaluate fails closed here) become {@link
 * MojoFailureException} (BUILD FAILURE with the message as it is); anything else is a fault and
 * becomes {@link MojoExecutionException}.
 */
final class MojoErrors {
  private MojoErrors() {}

  /** Runs one core call, mapping its exceptions. */
  static <T> T call(String goal, Supplier<T> call)
      throws MojoFailureException, MojoExecutionException {
    try {
      return call.get();
    } catch (DefinitionException
        | RenderException
        | KustomizeException
        | YamlException
        | PolicyException
        | WaiverException
        | RuleCatalogueException
        | ReportException
        | BumpException e) {
      throw new MojoFailureException("treum:" + goal + ": " + e.getMessage(), e);
    } catch (RuntimeException | LinkageError e) {
      throw new MojoExecutionException(
          "treum:" + goal + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
