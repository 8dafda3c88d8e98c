package io.treum.gitops.maven;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.Definition;
import io.treum.gitops.model.DefinitionException;
import io.treum.gitops.model.DefinitionLoader;
import io.treum.gitops.render.RenderCommand;
import io.treum.gitops.render.RenderRequest;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters shared by the goals that load a project's definition class. */
abstract class DefinitionMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /**
   * Fully qualified name of the class implementing {@code io.treum.gitops.model.Definition}. When
   * empty, the single implementation listed in {@code
   * META-INF/services/io.treum.gitops.model.Definition} is used.
   */
  @Parameter(property = "treum.definition")
  String definition;

  /**
   * Root that receives {@code base/}, {@code overlays/} (a folder per environment) and, when the
   * definition has Argo CD settings, {@code argocd/}.
   */
  @Parameter(property = "treum.outputDirectory", defaultValue = "${project.basedir}")
  File outputDirectory;

  /**
   * Environments to render or check (comma-separated); empty means all. The base is always computed
   * from every environment.
   */
  @Parameter(property = "treum.environments")
  List<String> environments;

  /** Skips the goal. */
  @Parameter(property = "treum.skip", defaultValue = "false")
  boolean skip;

  static final ManifestYaml YAML = new ManifestYaml();

  RenderCommand command() {
    return new RenderCommand(YAML, MergeSchema.builtIn());
  }

  /** Maps the parameters to the core request, loading the definition from the project. */
  RenderRequest request(ClassLoader projectLoader) {
    Definition loaded = DefinitionLoader.load(definition, projectLoader);
    return new RenderRequest(loaded, outputDirectory.toPath(), environmentSet());
  }

  /**
   * Makes the goal's one core call with the request built from the project, mapping errors through
   * {@link MojoErrors}.
   */
  <T> T callCore(String goal, java.util.function.Function<RenderRequest, T> call)
      throws org.apache.maven.plugin.MojoExecutionException,
          org.apache.maven.plugin.MojoFailureException {
    return MojoErrors.call(
        goal,
        () -> {
          try (URLClassLoader loader = projectClassLoader()) {
            return call.apply(request(loader));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot close the project class loader", e);
          }
        });
  }

  /** The output directory, absolute and normalised, for messages. */
  java.nio.file.Path root() {
    return outputDirectory.toPath().toAbsolutePath().normalize();
  }

  Set<String> environmentSet() {
    return ParameterValues.names(environments);
  }

  /** A class loader over the project's compiled classes and compile dependencies. */
  URLClassLoader projectClassLoader() {
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getCompileClasspathElements()) {
        urls.add(new File(element).toURI().toURL());
      }
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      throw new DefinitionException(
          "cannot resolve the compile classpath of " + project.getId() + ": " + e.getMessage(), e);
    }
    return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
  }
}
