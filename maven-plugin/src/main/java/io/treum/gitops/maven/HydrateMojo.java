package io.treum.gitops.maven;

import io.treum.gitops.kustomize.HydrateCommand;
import io.treum.gitops.kustomize.HydrateRequest;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Builds each overlay of a Kustomize tree in Java (no kustomize binary) and writes one YAML stream
 * per environment: the hydrated, rendered-manifests form. Runs without a pom.
 */
@Mojo(name = "hydrate", requiresProject = false, threadSafe = true)
public final class HydrateMojo extends AbstractMojo {

  /** Root of the tree: the folder that holds {@code overlays/}, one folder per environment. */
  @Parameter(property = "treum.directory", defaultValue = "${basedir}")
  File directory;

  /** Overlays to build (comma-separated); empty means all. */
  @Parameter(property = "treum.environments")
  List<String> environments;

  /**
   * Folder that receives one file per environment ({@code production.yaml}, …), or {@code -} to
   * print the streams on standard output; by default {@code target/treum/hydrated}.
   */
  @Parameter(property = "treum.hydrate.output")
  String output;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  /** Skips the goal. */
  @Parameter(property = "treum.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("treum:hydrate skipped (treum.skip)");
      return;
    }
    boolean toStdout = "-".equals(output);
    Path folder =
        output == null || output.isBlank()
            ? ParameterValues.buildFolder(project, "treum/hydrated")
            : Path.of(output);
    HydrateRequest request =
        new HydrateRequest(
            directory.toPath(), ParameterValues.names(environments), toStdout ? null : folder);
    Map<String, String> streams =
        MojoErrors.call(
            "hydrate",
            () -> new HydrateCommand(new ManifestYaml(), MergeSchema.builtIn()).hydrate(request));
    if (toStdout) {
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      boolean first = true;
      for (Map.Entry<String, String> stream : streams.entrySet()) {
        out.print((first ? "" : "---\n") + "# overlays/" + stream.getKey() + "\n");
        out.print(stream.getValue());
        first = false;
      }
      out.flush();
    } else {
      streams
          .keySet()
          .forEach(
              env ->
                  getLog()
                      .info("Hydrated overlays/" + env + " -> " + folder.resolve(env + ".yaml")));
    }
  }
}
