package io.treum.gitops.bump;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Refuses to push into the checked-out branch of a local working tree, as git does by default
 * ({@code receive.denyCurrentBranch}): JGit's local transport moves the branch and leaves the
 * files, the index and any uncommitted edits behind, so the working tree would then appear to undo
 * the bump. A bare repository, another branch, or a repository whose owner set {@code
 * receive.denyCurrentBranch} to {@code ignore} or {@code warn} is pushed to as usual.
 */
final class CheckedOutBranchGuard {
  private CheckedOutBranchGuard() {}

  static void check(RepositoryLocation location, String branch) {
    if (location.kind() != RepositoryLocation.Kind.LOCAL) {
      return;
    }
    File folder = folder(location.uri());
    File gitDir = RepositoryCache.FileKey.resolve(folder, FS.DETECTED);
    if (gitDir == null) {
      return; // not a repository: the clone says so, naming the location
    }
    try (Repository repository =
        new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
      if (repository.isBare()
          || !("refs/heads/" + branch).equals(repository.getFullBranch())
          || allowed(repository.getConfig().getString("receive", null, "denyCurrentBranch"))) {
        return;
      }
      throw new BumpException(
          RepositoryLocation.PARAMETER
              + " "
              + location
              + " is a working tree with "
              + branch
              + " checked out: pushing the bump would move "
              + branch
              + " under its files and leave them behind (git refuses this too). Point "
              + RepositoryLocation.PARAMETER
              + " at the repository it pushes to (its origin, or a bare repository), or check out"
              + " another branch there");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the repository at " + location, e);
    }
  }

  private static File folder(String uri) {
    return uri.regionMatches(true, 0, "file:", 0, 5)
        ? Path.of(URI.create(uri)).toFile()
        : Path.of(uri).toFile();
  }

  private static boolean allowed(String denyCurrentBranch) {
    if (denyCurrentBranch == null) {
      return false;
    }
    String value = denyCurrentBranch.toLowerCase(Locale.ROOT);
    return value.equals("ignore") || value.equals("warn") || value.equals("false");
  }
}
