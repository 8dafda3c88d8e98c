package io.treum.gitops.bump;

import java.util.List;
import java.util.Set;

/**
 * One bump: which images get which reference in which environments of which config repository.
 *
 * @param repository the config repository: a URL ({@code https://…}, {@code ssh://…}, {@code
 *     git@host:path}, {@code file://…}) or a local path ({@code treum.repository}); never with
 *     credentials in it
 * @param branch the branch to commit to ({@code treum.branch})
 * @param images the images to bump ({@code treum.image}): names, each optionally with its own
 *     {@code :tag} and/or {@code @digest}, which then win over {@code tag} and {@code digest}
 * @param tag the new tag of every image that names none ({@code treum.tag}), or {@code null}
 * @param digest the new digest of every image that names none ({@code treum.digest}), or {@code
 *     null}
 * @param environments the overlays to change; empty means every overlay that uses the image ({@code
 *     treum.environments})
 * @param promoteFrom an environment whose reference of each image is copied to the others, or
 *     {@code null} ({@code treum.promoteFrom}); then {@code images} are names only and no tag or
 *     digest is given
 * @param messageTemplate the commit message, with placeholders {@code {image}}, {@code {tag}},
 *     {@code {digest}}, {@code {reference}}, {@code {environments}}, {@code {sourceCommit}}, {@code
 *     {bumpId}} ({@code treum.message}); {@code null} for {@link BumpMessage#DEFAULT_TEMPLATE}
 * @param sourceCommit the commit of the service repository that built the image, for the message,
 *     or {@code null}
 * @param author the author and committer, or {@code null} for {@link Signature#DEFAULT}
 * @param dryRun print what would change and touch nothing ({@code treum.dryRun})
 * @param maxAttempts how many times to try before giving up on a contended branch ({@code
 *     treum.maxAttempts})
 * @param allowDowngrade whether a lower semantic version may replace a higher one ({@code
 *     treum.allowDowngrade})
 * @param credentials HTTPS credentials, or {@code null}
 * @param signing how to sign the commit, or {@code null} for an unsigned commit
 * @param ssh the SSH keys and known hosts for an SSH repository, or {@code null} for JGit's default
 *     ({@code ~/.ssh} of the user running the bump)
 */
public record BumpRequest(
    String repository,
    String branch,
    List<String> images,
    String tag,
    String digest,
    Set<String> environments,
    String promoteFrom,
    String messageTemplate,
    String sourceCommit,
    Signature author,
    boolean dryRun,
    int maxAttempts,
    boolean allowDowngrade,
    GitCredentials credentials,
    Signing signing,
    SshCredentials ssh) {

  /** The default of {@code treum.maxAttempts}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** The default of {@code treum.branch}. */
  public static final String DEFAULT_BRANCH = "main";

  /** Who commits. */
  public record Signature(String name, String email) {
    /** treum's own identity. */
    public static final Signature DEFAULT = new Signature("treum", "treum@users.noreply.treum.io");

    public Signature {
      if (name == null || name.isBlank() || email == null || email.isBlank()) {
        throw new BumpException("the commit author needs a name and an e-mail address");
      }
    }
  }

  /**
   * How the bump commit is signed, through JGit's signers.
   *
   * @param format {@code ssh} (the key is a private key file, as git's {@code gpg.format=ssh}) or
   *     {@code openpgp} (the key is a key id or fingerprint in the GnuPG keyring)
   * @param key the signing key ({@code treum.signingKey})
   */
  public record Signing(String format, String key) {
    public Signing {
      if (!"ssh".equals(format) && !"openpgp".equals(format)) {
        throw new BumpException("treum.signingFormat must be ssh or openpgp, not '" + format + "'");
      }
      if (key == null || key.isBlank()) {
        throw new BumpException("treum.signingKey is required to sign the bump commit");
      }
    }
  }

  /** An unsigned bump. */
  public BumpRequest(
      String repository,
      String branch,
      List<String> images,
      String tag,
      String digest,
      Set<String> environments,
      String promoteFrom,
      String messageTemplate,
      String sourceCommit,
      Signature author,
      boolean dryRun,
      int maxAttempts,
      boolean allowDowngrade,
      GitCredentials credentials) {
    this(
        repository,
        branch,
        images,
        tag,
        digest,
        environments,
        promoteFrom,
        messageTemplate,
        sourceCommit,
        author,
        dryRun,
        maxAttempts,
        allowDowngrade,
        credentials,
        null,
        null);
  }

  /** This bump with {@code ssh} as its SSH keys and known hosts. */
  public BumpRequest withSsh(SshCredentials ssh) {
    return new BumpRequest(
        repository,
        branch,
        images,
        tag,
        digest,
        environments,
        promoteFrom,
        messageTemplate,
        sourceCommit,
        author,
        dryRun,
        maxAttempts,
        allowDowngrade,
        credentials,
        signing,
        ssh);
  }

  public BumpRequest {
    if (repository == null || repository.isBlank()) {
      throw new BumpException("treum.repository is required: the config repository's URL or path");
    }
    branch = branch == null || branch.isBlank() ? DEFAULT_BRANCH : branch.strip();
    images = images.stream().map(String::strip).filter(i -> !i.isEmpty()).distinct().toList();
    if (images.isEmpty()) {
      throw new BumpException("treum.image is required: the image to bump");
    }
    tag = tag == null || tag.isBlank() ? null : tag.strip();
    digest = digest == null || digest.isBlank() ? null : digest.strip();
    if (promoteFrom != null && promoteFrom.isBlank()) {
      promoteFrom = null;
    }
    if (promoteFrom != null && (tag != null || digest != null)) {
      throw new BumpException(
          "treum.promoteFrom copies the reference from environment "
              + promoteFrom
              + ": do not give treum.tag or treum.digest with it");
    }
    environments = Set.copyOf(environments);
    author = author == null ? Signature.DEFAULT : author;
    if (maxAttempts < 1) {
      throw new BumpException("treum.maxAttempts must be at least 1, not " + maxAttempts);
    }
  }

  /**
   * The changes {@code images}, {@code tag} and {@code digest} ask for (not for a promotion).
   *
   * @throws BumpException naming the entry when an image, tag or digest is invalid
   */
  public List<ImageChange> changes() {
    return images.stream().map(entry -> ImageChange.parse(entry, tag, digest)).toList();
  }

  /** The image names, without any tag or digest. */
  public List<String> imageNames() {
    return images.stream().map(ImageChange::nameOf).toList();
  }
}
