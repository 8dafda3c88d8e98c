package io.treum.gitops.bump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A bare config repository on disk for bump tests, seeded from a folder of the test resources. */
final class ConfigRepository implements AutoCloseable {
  static final Path PLATFORM = Path.of("src/test/resources/validate/platform");

  private final Path bare;
  private final Git git;

  private ConfigRepository(Path bare, Git git) {
    this.bare = bare;
    this.git = git;
  }

  /** A bare repository at {@code folder}/config.git whose main holds one commit of {@code tree}. */
  static ConfigRepository seed(Path folder, Path tree) throws Exception {
    return seed(folder, tree, UnaryOperator.identity());
  }

  /** As {@link #seed(Path, Path)}, with every file's text passed through {@code edit}. */
  static ConfigRepository seed(Path folder, Path tree, UnaryOperator<String> edit)
      throws Exception {
    Path bare = folder.resolve("config.git");
    try (Git init =
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
      // a bare repository keeps no reflog unless told: the tests read every move of main in it
      StoredConfig config = init.getRepository().getConfig();
      config.setBoolean("core", null, "logAllRefUpdates", true);
      config.save();
    }
    Path work = folder.resolve("seed");
    try (Git seed = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      copy(tree, work, edit);
      seed.add().addFilepattern(".").call();
      PersonIdent ident =
          new PersonIdent(
              "seed", "seed@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      seed.commit().setMessage("Seed").setAuthor(ident).setCommitter(ident).setSign(false).call();
      seed.push()
          .setRemote(bare.toUri().toString())
          .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
          .call();
    }
    return new ConfigRepository(bare, Git.open(bare.toFile()));
  }

  static void copy(Path from, Path to, UnaryOperator<String> edit) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.sorted().toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.writeString(target, edit.apply(Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    }
  }

  Path bare() {
    return bare;
  }

  String uri() {
    return bare.toUri().toString();
  }

  Repository repository() {
    return git.getRepository();
  }

  ObjectId tip() throws IOException {
    return repository().resolve("refs/heads/main");
  }

  /** The commits of main, newest first. */
  List<RevCommit> history() throws IOException {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository())) {
      walk.markStart(walk.parseCommit(tip()));
      walk.forEach(commits::add);
    }
    return commits;
  }

  /** Every update of main the repository recorded, oldest first: the seed push, then each push. */
  List<ReflogEntry> moves() throws IOException {
    List<ReflogEntry> moves =
        new ArrayList<>(
            repository().getRefDatabase().getReflogReader("refs/heads/main").getReverseEntries());
    Collections.reverse(moves);
    return moves;
  }

  /** A file's text at the tip of main. */
  String file(String path) throws IOException {
    return file(tip(), path);
  }

  /** A file's text in {@code commit}. */
  String file(ObjectId commit, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repository());
        TreeWalk tree = TreeWalk.forPath(repository(), path, walk.parseCommit(commit).getTree())) {
      if (tree == null) {
        throw new IOException(path + " is not in " + commit.name());
      }
      ObjectLoader loader = repository().open(tree.getObjectId(0));
      return new String(loader.getBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Commits to main, as another writer, a symbolic link at {@code path} to {@code target}. */
  void commitSymbolicLink(String path, String target) throws Exception {
    try (TestRepository<Repository> writer = new TestRepository<>(repository())) {
      RevBlob link = writer.blob(target);
      writer
          .branch("refs/heads/main")
          .commit()
          .edit(
              new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                  entry.setFileMode(FileMode.SYMLINK);
                  entry.setObjectId(link);
                }
              })
          .message("Link " + path)
          .create();
    }
  }

  @Override
  public void close() {
    git.close();
  }

  static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
