package io.treum.gitops.bump;

import io.treum.gitops.files.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.SystemReader;

/**
 * The bump's working tree, written from the commit it starts from: the files of the tree under a
 * root of any file system (the bump's is in memory) for the Kustomize builder, the tree in the
 * repository's index for the commit, and the branch checked out.
 *
 * <p>What JGit's checkout does, without the cost a bump does not need: JGit writes each file into
 * the repository's work tree on disk through a temporary file, renames it into place and records
 * its stat data in the index, for a working tree a user will edit and run {@code git status} in.
 * For a config repository of 3,000 files that took over four seconds of a bump, the clone itself a
 * tenth of that, and writing the files once to disk still three. Here the index holds the tree's
 * entries without stat data; the bump puts the blobs of the files it edits into it and commits the
 * index's tree, which equals the checked-out commit's tree but for those files.
 *
 * <p>Paths are checked as JGit's checkout checks them ({@code .git}, {@code ..}, names the platform
 * refuses), and symbolic links are created as links, so the builder sees what a checkout gives.
 */
final class WorkingTree {
  private WorkingTree() {}

  /**
   * Writes {@code commit}'s tree into {@code directory} (empty), sets the repository's index to it
   * and checks out {@code branch} at it.
   *
   * @param budget the most bytes the files may take together: the bump holds them in memory, so a
   *     branch with larger files fails with a message that says so before the heap runs out
   */
  static void checkout(
      Repository repository, String branch, ObjectId commit, Path directory, long budget) {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk revWalk = new RevWalk(reader);
        TreeWalk walk = new TreeWalk(repository, reader)) {
      RevCommit start = revWalk.parseCommit(commit);
      walk.addTree(start.getTree());
      walk.setRecursive(true);
      long written = 0;
      while (walk.next()) {
        written += size(reader, walk.getFileMode(0), walk.getObjectId(0));
        if (written > budget) {
          throw new IOException(
              "the branch's files take more than "
                  + budget
                  + " bytes (reached at "
                  + walk.getPathString()
                  + "), the part of the heap a bump keeps them in: give Maven a larger heap"
                  + " (MAVEN_OPTS=-Xmx…), or keep large files out of the config repository");
        }
        write(reader, directory, walk.getPathString(), walk.getFileMode(0), walk.getObjectId(0));
      }
      index(repository, reader, start);
      moveBranch(repository, branch, start);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the working tree of " + commit.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves the working tree, the index and {@code branch} from the branch's commit to {@code
   * commit}: only the files that differ between the two trees are written or deleted. The working
   * tree must hold the branch's commit, as after {@link #checkout} and a commit.
   */
  static void reset(Repository repository, String branch, ObjectId commit, Path directory) {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk revWalk = new RevWalk(reader);
        TreeWalk walk = new TreeWalk(repository, reader)) {
      ObjectId current = repository.resolve(Constants.R_HEADS + branch);
      RevCommit target = revWalk.parseCommit(commit);
      walk.addTree(revWalk.parseCommit(current).getTree());
      walk.addTree(target.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        FileMode oldMode = walk.getFileMode(0);
        FileMode newMode = walk.getFileMode(1);
        if (oldMode == newMode && walk.idEqual(0, 1)) {
          continue;
        }
        Path file = file(directory, path);
        if (oldMode != FileMode.MISSING) {
          Folders.delete(file);
        }
        if (newMode != FileMode.MISSING) {
          write(reader, directory, path, newMode, walk.getObjectId(1));
        }
      }
      index(repository, reader, target);
      moveBranch(repository, branch, target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reset the working tree to " + commit.name() + ": " + e.getMessage(), e);
    }
  }

  /** The bytes a tree entry takes once written: its blob's size, none for a submodule. */
  private static long size(ObjectReader reader, FileMode mode, ObjectId blob) throws IOException {
    return mode == FileMode.GITLINK ? 0 : reader.getObjectSize(blob, Constants.OBJ_BLOB);
  }

  private static void write(
      ObjectReader reader, Path directory, String path, FileMode mode, ObjectId blob)
      throws IOException {
    Path file = file(directory, path);
    Files.createDirectories(file.getParent());
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      // a folder of the old tree where the new one has a file
      Folders.delete(file);
    }
    if (mode == FileMode.GITLINK) {
      // a submodule: an empty folder, as JGit's checkout leaves it
      Files.createDirectories(file);
    } else if (mode == FileMode.SYMLINK) {
      String target = new String(reader.open(blob).getCachedBytes(), StandardCharsets.UTF_8);
      // the target in the tree's own file system (Path.of would be the default one's)
      Files.createSymbolicLink(file, file.getFileSystem().getPath(target));
    } else {
      try (OutputStream out = Files.newOutputStream(file)) {
        reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
      }
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (mode == FileMode.EXECUTABLE_FILE && posix != null) {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(posix.readAttributes().permissions());
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        posix.setPermissions(permissions);
      }
    }
  }

  /** The file of a tree path, refusing what JGit's checkout refuses ({@code .git}, {@code ..}). */
  private static Path file(Path directory, String path) throws IOException {
    SystemReader.getInstance().checkPath(path);
    return directory.resolve(path);
  }

  private static void index(Repository repository, ObjectReader reader, RevCommit commit)
      throws IOException {
    DirCache index = repository.lockDirCache();
    try {
      DirCacheBuilder builder = index.builder();
      builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, commit.getTree());
      builder.commit();
    } finally {
      index.unlock();
    }
  }

  private static void moveBranch(Repository repository, String branch, RevCommit commit)
      throws IOException {
    String ref = Constants.R_HEADS + branch;
    RefUpdate update = repository.updateRef(ref);
    update.setNewObjectId(commit);
    update.disableRefLog();
    RefUpdate.Result result = update.forceUpdate();
    if (result != RefUpdate.Result.NEW
        && result != RefUpdate.Result.FORCED
        && result != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("cannot move " + ref + " to " + commit.name() + ": " + result);
    }
    RefUpdate head = repository.updateRef(Constants.HEAD);
    head.disableRefLog();
    head.link(ref);
  }
}
