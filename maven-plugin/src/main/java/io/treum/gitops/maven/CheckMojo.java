package io.treum.gitops.maven;

import io.treum.gitops.render.CheckResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails when the committed Kustomize tree differs from a fresh render of the definition, printing a
 * unified diff per file. Nothing is written.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.COMPILE,
    threadSafe = true)
public final class CheckMojo extends DefinitionMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("treum:check skipped (treum.skip)");
      return;
    }
    CheckResult result = callCore("check", command()::check);
    if (!result.upToDate()) {
      throw new MojoFailureException(
          "treum:check: the tree below "
              + root()
              + " differs from the render of the"
              + " definition in "
              + result.differences().size()
              + " file(s):\n"
              + String.join("\n", result.differences())
              + "\nRun mvn treum:render and commit the result.");
    }
    getLog().info("treum:check: the tree below " + root() + " is up to date");
  }
}
