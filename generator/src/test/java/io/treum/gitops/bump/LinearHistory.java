package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The proof that no update was lost: main's history is one chain from the seed, and main only ever
 * moved forward by one commit at a time — each recorded update's new commit has the old one as its
 * only parent, so no push replaced (forced over) anything.
 */
final class LinearHistory {
  private LinearHistory() {}

  /** Asserts both, and returns main's commits newest first, the seed last. */
  static List<RevCommit> assertForwardOnly(ConfigRepository repo, ObjectId seed)
      throws IOException {
    List<RevCommit> history = repo.history();
    assertThat(history.get(history.size() - 1).getId()).isEqualTo(seed);
    for (int i = 0; i < history.size() - 1; i++) {
      RevCommit commit = history.get(i);
      assertThat(commit.getParentCount()).as("parents of %s", commit.name()).isEqualTo(1);
      assertThat(commit.getParent(0).getId()).isEqualTo(history.get(i + 1).getId());
    }
    List<ReflogEntry> moves = repo.moves();
    assertThat(moves).as("updates of main").hasSize(history.size());
    assertThat(moves.get(0).getOldId()).isEqualTo(ObjectId.zeroId());
    for (int i = 0; i < moves.size(); i++) {
      RevCommit expected = history.get(history.size() - 1 - i);
      assertThat(moves.get(i).getNewId()).as("update %d of main", i).isEqualTo(expected.getId());
      if (i > 0) {
        assertThat(moves.get(i).getOldId()).isEqualTo(expected.getParent(0).getId());
      }
    }
    return history;
  }

  /**
   * The commits of {@code history} by the bump id in their trailer; each id maps to its commits.
   */
  static Map<String, List<String>> byBumpId(List<RevCommit> history) {
    Map<String, List<String>> commits = new LinkedHashMap<>();
    for (RevCommit commit : history) {
      for (String id : commit.getFooterLines(BumpMessage.BUMP_ID_TRAILER)) {
        commits.computeIfAbsent(id, k -> new ArrayList<>()).add(commit.name());
      }
    }
    return commits;
  }
}
