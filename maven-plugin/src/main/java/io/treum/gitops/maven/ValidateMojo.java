package io.treum.gitops.maven;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.OpaServerAddress;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.ReportFormat;
import io.treum.gitops.policy.ValidateCommand;
import io.treum.gitops.policy.ValidateRequest;
import io.treum.gitops.policy.ValidationRun;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The policy gate: builds each overlay of a Kustomize tree in Java, evaluates TREUM's policies (and
 * any in {@code treum.policies}) on every environment, applies the waiver file, prints the findings
 * and writes the reports — also when the build then fails. Fails on any error finding, on warnings
 * with {@code treum.failOnWarn}, on any policy or engine problem, and on a run that evaluated
 * nothing. Runs without a pom.
 */
@Mojo(name = "validate", requiresProject = false, threadSafe = true)
public final class ValidateMojo extends AbstractMojo {

  /** Root of the tree: the folder that holds {@code overlays/}, one folder per environment. */
  @Parameter(property = "treum.directory", defaultValue = "${basedir}")
  File directory;

  /**
   * Environments (overlays) to evaluate, comma-separated; empty means all. Every overlay is still
   * built, because cross-environment rules compare them.
   */
  @Parameter(property = "treum.environments")
  List<String> environments;

  /**
   * Extra policies, comma-separated: folders of {@code .rego} (compiled with {@code opa}, which
   * must then be on PATH), compiled {@code .wasm} files, or jars holding either.
   */
  @Parameter(property = "treum.policies")
  List<String> policies;

  /**
   * URL of an OPA server that has TREUM's policies loaded (e.g. {@code http://127.0.0.1:8181});
   * evaluates there instead of in process. Never put credentials in it.
   */
  @Parameter(property = "treum.opa.url")
  String opaUrl;

  /** Reports to write, comma-separated: {@code text,json,junit,sarif,github}. */
  @Parameter(property = "treum.report.formats", defaultValue = "text,json,junit,sarif")
  List<String> reportFormats;

  /**
   * Folder that receives the reports ({@code treum-report.*}); by default {@code
   * target/treum/reports}.
   */
  @Parameter(property = "treum.report.directory")
  File reportDirectory;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  /** Waiver file; by default {@code treum-waivers.yaml} at the tree's root, if there is one. */
  @Parameter(property = "treum.waivers")
  File waivers;

  /** Fails the build on warnings too, not only on errors. */
  @Parameter(property = "treum.failOnWarn", defaultValue = "false")
  boolean failOnWarn;

  /** Skips the goal. */
  @Parameter(property = "treum.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("treum:validate skipped (treum.skip)");
      return;
    }
    ValidationRun run =
        MojoErrors.call(
            "validate",
            () -> {
              ValidateRequest request = request();
              return command().validate(request);
            });
    report(run);
    if (!run.passes()) {
      throw new MojoFailureException(
          "treum:validate: "
              + run.failure().orElseThrow()
              + " (reports in "
              + reportFolder()
              + ")");
    }
  }

  private ValidateRequest request() {
    Set<ReportFormat> formats = ReportFormat.parseList(reportFormats);
    return new ValidateRequest(
        directory.toPath(),
        ParameterValues.names(environments),
        ParameterValues.names(policies).stream().map(Path::of).toList(),
        url(),
        formats,
        reportFolder(),
        waivers == null ? null : waivers.toPath(),
        failOnWarn);
  }

  private Path reportFolder() {
    return reportDirectory != null
        ? reportDirectory.toPath()
        : ParameterValues.buildFolder(project, "treum/reports");
  }

  private URI url() {
    if (opaUrl == null || opaUrl.isBlank()) {
      return null;
    }
    // checks the URL and names the parameter without echoing credentials
    OpaServerAddress.parse(opaUrl);
    return URI.create(opaUrl.strip());
  }

  private ValidateCommand command() {
    return new ValidateCommand(
        new ManifestYaml(),
        MergeSchema.builtIn(),
        Clock.systemUTC(),
        new PolicyEngines(ValidateMojo.class.getClassLoader())::select);
  }

  private void report(ValidationRun run) {
    getLog().info("Policies evaluated by " + run.engine());
    run.text().lines().forEach(line -> getLog().info(line));
    if (ParameterValues.names(reportFormats).stream()
        .anyMatch(f -> f.equalsIgnoreCase(ReportFormat.GITHUB.id()))) {
      // the Actions runner reads workflow commands only at the start of a stdout line
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.print(ReportFormat.GITHUB.report().render(run.result(), run.options()));
      out.flush();
    }
    run.reports().forEach(file -> getLog().info("Report written: " + file));
  }
}
