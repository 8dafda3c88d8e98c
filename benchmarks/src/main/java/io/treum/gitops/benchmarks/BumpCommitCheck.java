package io.treum.gitops.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Checks that a bump landed as exactly the intended commit, so that treum and the shell path are
 * compared on the same work: {@code main} is one commit past the tip the bump started from, and
 * that commit changes the {@code kustomization.yaml} of the bumped overlays and nothing else, in
 * each of them one line: the {@code newTag} of the service's {@code images:} entry, now the new
 * tag.
 */
final class BumpCommitCheck {
  private BumpCommitCheck() {}

  /**
   * @return the commit on {@code main}
   * @throws IllegalStateException naming the difference when the bump is not the intended commit
   */
  static ObjectId verify(
      Path bare, ObjectId parent, String service, String tag, List<String> environments) {
    try (Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        RevWalk walk = new RevWalk(repository)) {
      ObjectId tip = repository.resolve("refs/heads/main");
      RevCommit commit = walk.parseCommit(tip);
      if (commit.getParentCount() != 1 || !commit.getParent(0).equals(parent)) {
        throw new IllegalStateException(
            "main is at "
                + tip.name()
                + ", not one commit past "
                + parent.name()
                + ": the bump did not push exactly one commit");
      }
      RevCommit before = walk.parseCommit(parent);
      Set<String> expected =
          environments.stream()
              .map(BumpRepository::relative)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> changed = new TreeSet<>();
      try (TreeWalk tree = new TreeWalk(repository)) {
        tree.addTree(before.getTree());
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        tree.setFilter(TreeFilter.ANY_DIFF);
        while (tree.next()) {
          String path = tree.getPathString();
          changed.add(path);
          if (expected.contains(path)) {
            checkOneLine(
                path,
                text(repository, tree.getObjectId(0)),
                text(repository, tree.getObjectId(1)),
                service,
                tag);
          }
        }
      }
      if (!changed.equals(expected)) {
        throw new IllegalStateException(
            "the bump commit changed " + changed + ", expected exactly " + expected);
      }
      return tip;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + bare + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code after} is {@code before} with one line changed: the {@code newTag} line of
   * {@code service}'s entry, set to {@code tag} (quoted or not).
   */
  static void checkOneLine(String path, String before, String after, String service, String tag) {
    List<String> old = before.lines().toList();
    List<String> now = after.lines().toList();
    if (old.size() != now.size() || before.endsWith("\n") != after.endsWith("\n")) {
      throw new IllegalStateException(
          path + ": the bump added or removed lines; expected one changed newTag line");
    }
    List<Integer> differing = new ArrayList<>();
    for (int i = 0; i < old.size(); i++) {
      if (!old.get(i).equals(now.get(i))) {
        differing.add(i);
      }
    }
    if (differing.size() != 1) {
      throw new IllegalStateException(
          path + ": the bump changed " + differing.size() + " lines; expected one newTag line");
    }
    int line = differing.get(0);
    String indent =
        old.get(line)
            .substring(
                0, old.get(line).indexOf("newTag:") < 0 ? 0 : old.get(line).indexOf("newTag:"));
    String value = now.get(line).strip();
    boolean tagLine =
        old.get(line).strip().startsWith("newTag:")
            && now.get(line).startsWith(indent)
            && (value.equals("newTag: " + tag)
                || value.equals("newTag: \"" + tag + "\"")
                || value.equals("newTag: '" + tag + "'"));
    if (!tagLine || !entryName(old, line).equals(service)) {
      throw new IllegalStateException(
          path
              + " line "
              + (line + 1)
              + ": expected the newTag of "
              + service
              + " set to "
              + tag
              + ", found '"
              + old.get(line)
              + "' → '"
              + now.get(line)
              + "'");
    }
  }

  /** The name of the images entry that line {@code line} belongs to. */
  private static String entryName(List<String> lines, int line) {
    for (int i = line; i >= 0; i--) {
      String text = lines.get(i).strip();
      if (text.startsWith("- name:") || text.startsWith("name:")) {
        return text.substring(text.indexOf(':') + 1).strip();
      }
    }
    return "";
  }

  private static String text(Repository repository, ObjectId blob) throws IOException {
    return new String(repository.open(blob).getBytes(), StandardCharsets.UTF_8);
  }
}
