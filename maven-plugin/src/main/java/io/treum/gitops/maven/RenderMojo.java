package io.treum.gitops.maven;

import io.treum.gitops.render.RenderResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Renders the project's typed definition into a Kustomize tree: {@code base/} with what every
 * environment shares and {@code overlays/} with a folder per environment holding minimal patches,
 * {@code images:}, {@code replicas:} and labels, and, when the definition returns Argo CD settings
 * from {@code argoCd()}, {@code argocd/} with an AppProject and one Application per environment.
 * The tree is written atomically (staging folder, then swap) after every overlay has been built
 * back in Java and found equal to the typed state.
 */
@Mojo(
    name = "render",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE,
    threadSafe = true)
public final class RenderMojo extends DefinitionMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("treum:render skipped (treum.skip)");
      return;
    }
    RenderResult result = callCore("render", command()::render);
    for (int i = 0; i < result.environments().size(); i++) {
      getLog()
          .info(
              "Rendered overlays/"
                  + result.environments().get(i)
                  + " ("
                  + result.objects().get(i)
                  + " objects), built back and verified");
    }
    getLog().info("Wrote " + result.files() + " files below " + result.outputDirectory());
  }
}
