package io.treum.gitops.maven;

import io.treum.gitops.bump.Backoff;
import io.treum.gitops.bump.BumpCommand;
import io.treum.gitops.bump.BumpException;
import io.treum.gitops.bump.BumpReport;
import io.treum.gitops.bump.BumpRequest;
import io.treum.gitops.bump.BumpResult;
import io.treum.gitops.bump.GitCredentials;
import io.treum.gitops.bump.RepositoryLocation;
import io.treum.gitops.bump.SshCredentials;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.ValidateRequest;
import java.io.File;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Sets an image's tag and/or digest in the {@code images:} entries of a config repository's
 * overlays, checks that only that image changed and that the policies still pass, and pushes one
 * commit without force, retrying from the new tip when another writer got there first. Replaces
 * {@code git clone; yq -i …; git commit; git push} in CI. Runs without a pom.
 */
@Mojo(name = "bump", requiresProject = false, threadSafe = true)
public final class BumpMojo extends AbstractMojo {

  /**
   * The config repository: an HTTPS or SSH URL, or a local path. Never put a token in it: use the
   * {@code TREUM_GIT_TOKEN} environment variable or {@code treum.serverId}.
   */
  @Parameter(property = "treum.repository", required = true)
  String repository;

  /** The branch to commit to. */
  @Parameter(property = "treum.branch", defaultValue = "main")
  String branch;

  /**
   * The images to bump, comma-separated: names as the overlays' {@code images:} entries or the
   * manifests know them; an entry may carry its own {@code :tag} or {@code @digest}.
   */
  @Parameter(property = "treum.image", required = true)
  List<String> images;

  /** The new tag of every image that names none. */
  @Parameter(property = "treum.tag")
  String tag;

  /** The new digest ({@code sha256:…}) of every image that names none. */
  @Parameter(property = "treum.digest")
  String digest;

  /** The environments to change, comma-separated; empty means every overlay that uses the image. */
  @Parameter(property = "treum.environments")
  List<String> environments;

  /** Copy each image's reference from this environment to the others instead of a new tag. */
  @Parameter(property = "treum.promoteFrom")
  String promoteFrom;

  /**
   * The commit message's first line; placeholders {@code {image}}, {@code {tag}}, {@code {digest}},
   * {@code {reference}}, {@code {environments}}, {@code {sourceCommit}}, {@code {bumpId}}.
   */
  @Parameter(property = "treum.message")
  String message;

  /** The service repository's commit that built the image, for the message (CI's commit SHA). */
  @Parameter(property = "treum.sourceCommit")
  String sourceCommit;

  /** The commit author's (and committer's) name. */
  @Parameter(property = "treum.authorName")
  String authorName;

  /** The commit author's (and committer's) e-mail address. */
  @Parameter(property = "treum.authorEmail")
  String authorEmail;

  /**
   * Print the diffs of the files and of the hydrated overlays and the policy result; touch nothing.
   */
  @Parameter(property = "treum.dryRun", defaultValue = "false")
  boolean dryRun;

  /** How many times to try when other writers keep moving the branch. */
  @Parameter(property = "treum.maxAttempts", defaultValue = "10")
  int maxAttempts;

  /** Allow a lower semantic version to replace a higher one (a deliberate rollback). */
  @Parameter(property = "treum.allowDowngrade", defaultValue = "false")
  boolean allowDowngrade;

  /**
   * The id of a {@code server} entry in Maven's settings.xml whose username and (decrypted)
   * password are the HTTPS credentials; without it, {@code TREUM_GIT_TOKEN} (and {@code
   * TREUM_GIT_USER}).
   */
  @Parameter(property = "treum.serverId")
  String serverId;

  /**
   * For an SSH repository ({@code ssh://…}, {@code git@host:path}): the folder with the private
   * keys ({@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}), {@code known_hosts} and {@code
   * config}, as {@code ~/.ssh}. The server's host key must be in its {@code known_hosts}; keys must
   * be unencrypted.
   */
  @Parameter(property = "treum.sshDirectory", defaultValue = "${user.home}/.ssh")
  File sshDirectory;

  /** For an SSH repository: a private key file to use instead of the keys of the SSH folder. */
  @Parameter(property = "treum.sshKey")
  File sshKey;

  /**
   * Signs the bump commit: {@code ssh} (with {@code treum.signingKey} the public key file, its
   * private key beside it) or {@code openpgp} (with a key id of the GnuPG keyring). Unsigned when
   * unset.
   */
  @Parameter(property = "treum.signingFormat")
  String signingFormat;

  /** The signing key: an SSH public key file, or an OpenPGP key id or fingerprint. */
  @Parameter(property = "treum.signingKey")
  String signingKey;

  /** Extra policies for the gate, as for {@code treum:validate}. */
  @Parameter(property = "treum.policies")
  List<String> policies;

  /** Where the result is written as JSON; by default {@code target/treum/bump.json}. */
  @Parameter(property = "treum.bump.output")
  File output;

  /** Skips the goal. */
  @Parameter(property = "treum.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
  String executionRoot;

  @Component SettingsDecrypter decrypter;

  /** The process environment; a field so that tests can replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("treum:bump skipped (treum.skip)");
      return;
    }
    Path result =
        output != null ? output.toPath() : ParameterValues.buildFolder(project, "treum/bump.json");
    BumpResult bump =
        MojoErrors.call(
            "bump",
            () -> {
              BumpRequest request = request();
              try (BumpCommand command = command(result.getParent())) {
                return command.call(request);
              }
            });
    if (!bump.diff().isEmpty()) {
      bump.diff().lines().forEach(line -> getLog().info(line));
    }
    MojoErrors.call(
        "bump",
        () -> {
          BumpReport.write(bump, result);
          return null;
        });
    getLog()
        .info(
            "treum:bump "
                + bump.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (bump.commit() == null ? "" : ": " + bump.commit())
                + " ("
                + String.join(", ", bump.images())
                + " in "
                + String.join(", ", bump.environments())
                + ", "
                + bump.attempts()
                + (bump.attempts() == 1 ? " attempt" : " attempts")
                + "); result in "
                + result);
  }

  private BumpRequest request() {
    return new BumpRequest(
        repositoryLocation(),
        branch,
        new ArrayList<>(ParameterValues.names(images)),
        tag,
        digest,
        ParameterValues.names(environments),
        promoteFrom,
        message,
        sourceCommit,
        authorName == null && authorEmail == null
            ? null
            : new BumpRequest.Signature(authorName, authorEmail),
        dryRun,
        maxAttempts,
        allowDowngrade,
        credentials(),
        signingFormat == null || signingFormat.isBlank()
            ? null
            : new BumpRequest.Signing(signingFormat.strip(), signingKey),
        sshDirectory == null
            ? null
            : new SshCredentials(sshDirectory.toPath(), sshKey == null ? null : sshKey.toPath()));
  }

  /**
   * The repository as given, except that a relative local path is taken from the folder Maven was
   * run in, not from wherever its JVM was started.
   */
  private String repositoryLocation() {
    return RepositoryLocation.parse(repository)
        .resolvedAgainst(Path.of(executionRoot == null ? "" : executionRoot))
        .uri();
  }

  private GitCredentials credentials() {
    if (serverId == null || serverId.isBlank()) {
      return GitCredentials.fromEnvironment(environment);
    }
    Server server = settings == null ? null : settings.getServer(serverId);
    if (server == null) {
      throw new BumpException(
          "treum.serverId names '"
              + serverId
              + "', which is not a <server> of settings.xml: add it with the username and the"
              + " token as password");
    }
    SettingsDecryptionResult decrypted =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : decrypted.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new BumpException(
            "cannot decrypt the password of server '" + serverId + "': " + problem.getMessage());
      }
    }
    Server plain = decrypted.getServer();
    if (plain.getPassword() == null || plain.getPassword().isBlank()) {
      throw new BumpException(
          "server '" + serverId + "' of settings.xml has no password: put the token there");
    }
    return new GitCredentials(plain.getUsername(), plain.getPassword());
  }

  private BumpCommand command(Path workRoot) {
    List<Path> policyPaths = ParameterValues.names(policies).stream().map(Path::of).toList();
    PolicyEngines engines = new PolicyEngines(BumpMojo.class.getClassLoader());
    return new BumpCommand(
        new ManifestYaml(),
        MergeSchema.builtIn(),
        Clock.systemUTC(),
        Backoff.standard(new SecureRandom()),
        request ->
            engines.select(
                new ValidateRequest(
                    request.directory(),
                    request.environments(),
                    policyPaths,
                    null,
                    request.formats(),
                    request.reportDirectory(),
                    request.waivers(),
                    request.failOnWarn())),
        workRoot,
        line -> getLog().info(line));
  }
}
