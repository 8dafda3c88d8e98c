package io.treum.gitops.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.project.MavenProject;

/** Parsing of list parameters that users give on the command line. */
final class ParameterValues {
  private ParameterValues() {}

  /**
   * Names from a list parameter: Maven splits {@code -Dx=a,b} itself, but configuration may hold
   * comma-separated entries too; blanks are dropped, order kept, repeats removed.
   */
  static Set<String> names(List<String> values) {
    Set<String> names = new LinkedHashSet<>();
    if (values != null) {
      for (String value : values) {
        for (String name : value.split(",")) {
          if (!name.isBlank()) {
            names.add(name.trim());
          }
        }
      }
    }
    return names;
  }

  /**
   * A folder below the project's build directory ({@code target/}). Outside a project Maven leaves
   * {@code ${project.build.directory}} uninterpolated, so the folder is then taken below {@code
   * target/} of the current directory.
   */
  static Path buildFolder(MavenProject project, String relative) {
    String build = project == null ? null : project.getBuild().getDirectory();
    if (build == null || build.contains("${")) {
      File base =
          project == null || project.getBasedir() == null ? new File(".") : project.getBasedir();
      return base.toPath().resolve("target").resolve(relative).normalize();
    }
    return Path.of(build).resolve(relative);
  }
}
