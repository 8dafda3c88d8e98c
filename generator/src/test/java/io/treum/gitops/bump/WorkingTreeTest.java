package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingTreeTest {
  private static final PersonIdent IDENT = new PersonIdent("t", "t@example.com");

  @TempDir Path dir;

  /** A tree entry: its mode and content (a link's target for a link). */
  private record Entry(FileMode mode, String content) {
    static Entry file(String content) {
      return new Entry(FileMode.REGULAR_FILE, content);
    }
  }

  @Test
  void checkoutWritesEveryFileLinkAndModeAndTheTreeIntoTheIndex() throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      Map<String, Entry> files = new LinkedHashMap<>();
      files.put("base/deployment.yaml", Entry.file("kind: Deployment\n"));
      files.put("base/kustomization.yaml", Entry.file("resources: [deployment.yaml]\n"));
      files.put("overlays/production/kustomization.yaml", Entry.file("resources: [../../base]\n"));
      files.put("overlays/production/base", new Entry(FileMode.SYMLINK, "../../base"));
      files.put("tools/render.sh", new Entry(FileMode.EXECUTABLE_FILE, "#!/bin/sh\n"));
      ObjectId commit = commit(git.getRepository(), files, null);

      WorkingTree.checkout(git.getRepository(), "main", commit, dir, Long.MAX_VALUE);

      assertThat(dir.resolve("base/deployment.yaml")).hasContent("kind: Deployment");
      assertThat(dir.resolve("overlays/production/kustomization.yaml"))
          .hasContent("resources: [../../base]");
      assertThat(Files.readSymbolicLink(dir.resolve("overlays/production/base")))
          .isEqualTo(Path.of("../../base"));
      assertThat(Files.isExecutable(dir.resolve("tools/render.sh"))).isTrue();
      assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/main");
      assertThat(git.getRepository().resolve(Constants.HEAD)).isEqualTo(commit);
      // the index holds the tree: nothing to commit, nothing staged, no file unknown
      Status status = git.status().call();
      assertThat(status.getAdded()).isEmpty();
      assertThat(status.getRemoved()).isEmpty();
      assertThat(status.getUntracked()).isEmpty();
      assertThat(status.getChanged()).isEmpty();
    }
  }

  @Test
  void theTreeCanLiveInMemoryLinksIncluded() throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call();
        FileSystem memory = Jimfs.newFileSystem(Configuration.unix())) {
      Map<String, Entry> files = new LinkedHashMap<>();
      files.put("base/kustomization.yaml", Entry.file("resources: []\n"));
      files.put("overlays/dr/base", new Entry(FileMode.SYMLINK, "../../base"));
      files.put("tools/render.sh", new Entry(FileMode.EXECUTABLE_FILE, "#!/bin/sh\n"));
      ObjectId commit = commit(git.getRepository(), files, null);
      Path tree = memory.getPath("/repository");

      WorkingTree.checkout(git.getRepository(), "main", commit, tree, Long.MAX_VALUE);

      assertThat(Files.readString(tree.resolve("overlays/dr/base/kustomization.yaml")))
          .isEqualTo("resources: []\n");
      assertThat(Files.readSymbolicLink(tree.resolve("overlays/dr/base")).toString())
          .isEqualTo("../../base");
      assertThat(Files.readString(tree.resolve("tools/render.sh"))).isEqualTo("#!/bin/sh\n");
      // nothing of the tree went to the repository's folder on disk
      try (Stream<Path> onDisk = Files.list(dir)) {
        assertThat(onDisk.map(p -> p.getFileName().toString())).containsExactly(".git");
      }
    }
  }

  @Test
  void anEditedFileIsCommittedAloneOnTopOfTheTree() throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      Map<String, Entry> files = new LinkedHashMap<>();
      files.put("base/kustomization.yaml", Entry.file("resources: []\n"));
      files.put("overlays/dr/kustomization.yaml", Entry.file("images: []\n"));
      RevCommit start = commit(git.getRepository(), files, null);
      WorkingTree.checkout(git.getRepository(), "main", start, dir, Long.MAX_VALUE);

      Files.writeString(dir.resolve("overlays/dr/kustomization.yaml"), "images: [x]\n");
      git.add().addFilepattern("overlays/dr/kustomization.yaml").call();
      RevCommit bump = git.commit().setMessage("bump").setAuthor(IDENT).setCommitter(IDENT).call();

      files.put("overlays/dr/kustomization.yaml", Entry.file("images: [x]\n"));
      assertThat(bump.getTree().getId()).isEqualTo(tree(git.getRepository(), files));
      assertThat(bump.getParent(0).getId()).isEqualTo(start.getId());
    }
  }

  @Test
  void resetWritesWhatChangedAndDeletesWhatWentIncludingAFileThatBecameAFolder() throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      Map<String, Entry> before = new LinkedHashMap<>();
      before.put("a.yaml", Entry.file("a\n"));
      before.put("gone.yaml", Entry.file("gone\n"));
      before.put("same.yaml", Entry.file("same\n"));
      before.put("patches", Entry.file("a file, then a folder\n"));
      RevCommit first = commit(git.getRepository(), before, null);
      WorkingTree.checkout(git.getRepository(), "main", first, dir, Long.MAX_VALUE);
      long sameModified = Files.getLastModifiedTime(dir.resolve("same.yaml")).toMillis();

      Map<String, Entry> after = new LinkedHashMap<>();
      after.put("a.yaml", Entry.file("A\n"));
      after.put("new/b.yaml", Entry.file("b\n"));
      after.put("same.yaml", Entry.file("same\n"));
      after.put("patches/p.yaml", Entry.file("p\n"));
      RevCommit second = commit(git.getRepository(), after, first);

      Files.setLastModifiedTime(
          dir.resolve("same.yaml"), FileTime.fromMillis(sameModified - 60_000));
      WorkingTree.reset(git.getRepository(), "main", second, dir);

      assertThat(dir.resolve("a.yaml")).hasContent("A");
      assertThat(dir.resolve("new/b.yaml")).hasContent("b");
      assertThat(dir.resolve("patches/p.yaml")).hasContent("p");
      assertThat(dir.resolve("gone.yaml")).doesNotExist();
      // an unchanged file is not written again
      assertThat(Files.getLastModifiedTime(dir.resolve("same.yaml")).toMillis())
          .isEqualTo(sameModified - 60_000);
      assertThat(git.getRepository().resolve("refs/heads/main")).isEqualTo(second);
      Status status = git.status().call();
      assertThat(status.isClean()).as(status.getUncommittedChanges().toString()).isTrue();
    }
  }

  @Test
  void filesBeyondTheBudgetAreRefusedBeforeTheyAreRead() throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call();
        FileSystem memory = Jimfs.newFileSystem(Configuration.unix())) {
      Map<String, Entry> files = new LinkedHashMap<>();
      files.put("base/kustomization.yaml", Entry.file("resources: []\n"));
      files.put("docs/diagram.svg", Entry.file("x".repeat(10_000)));
      ObjectId commit = commit(git.getRepository(), files, null);
      Path tree = memory.getPath("/repository");

      assertThatThrownBy(
              () -> WorkingTree.checkout(git.getRepository(), "main", commit, tree, 4_096))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("more than 4096 bytes (reached at docs/diagram.svg)")
          .hasMessageContaining("MAVEN_OPTS=-Xmx");
      assertThat(tree.resolve("docs/diagram.svg")).doesNotExist();
    }
  }

  @Test
  void aTreeWithAPathGitRefusesIsNotWritten() throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      Map<String, Entry> files = new LinkedHashMap<>();
      files.put(".git/hooks/post-checkout", Entry.file("#!/bin/sh\necho owned\n"));
      ObjectId commit = commit(git.getRepository(), files, null);

      assertThatThrownBy(
              () -> WorkingTree.checkout(git.getRepository(), "main", commit, dir, Long.MAX_VALUE))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(".git");
      assertThat(dir.resolve(".git/hooks/post-checkout")).doesNotExist();
    }
  }

  /** A commit of {@code files} (folders made from the paths) on top of {@code parent}. */
  private static RevCommit commit(Repository repository, Map<String, Entry> files, ObjectId parent)
      throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree(repository, files));
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(IDENT);
      commit.setCommitter(IDENT);
      commit.setMessage("files");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      try (RevWalk walk = new RevWalk(repository)) {
        return walk.parseCommit(id);
      }
    }
  }

  /** The tree of {@code files}, written with the unchecked TreeFormatter (it takes any name). */
  private static ObjectId tree(Repository repository, Map<String, Entry> files) throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      ObjectId id = folder(inserter, files, "");
      inserter.flush();
      return id;
    }
  }

  private static ObjectId folder(ObjectInserter inserter, Map<String, Entry> files, String prefix)
      throws IOException {
    // keyed by name, and a folder by its name and '/', which is how git orders a tree's entries;
    // a folder's value is null
    Map<String, Entry> children = new TreeMap<>();
    for (Map.Entry<String, Entry> file : files.entrySet()) {
      if (!file.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = file.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      children.put(
          slash < 0 ? rest : rest.substring(0, slash + 1), slash < 0 ? file.getValue() : null);
    }
    TreeFormatter tree = new TreeFormatter();
    for (Map.Entry<String, Entry> child : children.entrySet()) {
      String key = child.getKey();
      Entry entry = child.getValue();
      if (entry == null) {
        tree.append(
            key.substring(0, key.length() - 1),
            FileMode.TREE,
            folder(inserter, files, prefix + key));
      } else {
        tree.append(
            key,
            entry.mode(),
            inserter.insert(Constants.OBJ_BLOB, entry.content().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return inserter.insert(tree);
  }
}
