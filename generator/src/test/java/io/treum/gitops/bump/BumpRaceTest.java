package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;

import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.ValidateRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A commit that lands on main while a bump is under way: the push is refused, the bump starts again
 * from the new tip, and both commits stay on a linear history.
 */
class BumpRaceTest {
  static final String PRODUCTION = "overlays/production/kustomization.yaml";

  @TempDir Path temp;
  private final List<String> log = new ArrayList<>();
  private ConfigRepository repo;
  private TestRepository<Repository> writer;
  private ObjectId seed;
  private String edited;
  private final AtomicReference<RevCommit> concurrent = new AtomicReference<>();

  @BeforeEach
  void seed() throws Exception {
    repo = ConfigRepository.seed(temp, ConfigRepository.PLATFORM);
    writer = new TestRepository<>(repo.repository());
    seed = repo.tip();
    edited = repo.file(PRODUCTION).replaceFirst("(?m)^# .*$", "# Edited while a bump was running");
  }

  @AfterEach
  void close() {
    writer.close();
    repo.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCommitLandingBetweenFetchAndPushIsKeptAndTheBumpRetried(Transport transport)
      throws Exception {
    PolicyEngines engines = new PolicyEngines(getClass().getClassLoader());
    // the gate asks for its engine once, after the clone and before the first push
    Function<ValidateRequest, PolicyEngines.Selection> gateWhileSomeonePushes =
        request -> {
          pushConcurrentCommitOnce();
          return engines.select(request);
        };
    BumpResult result;
    try (Transport.Remote remote = transport.serve(repo);
        BumpCommand command = command(gateWhileSomeonePushes)) {
      result = command.call(BumpOverHttpTest.request(remote.uri(), "1.2.0", remote.credentials()));
    }

    assertRetriedOnTopOfTheConcurrentCommit(result);
    assertThat(log)
        .contains(
            "Attempt 1 was rejected (lease: main is no longer at " + seed.name() + "); retrying");
  }

  @Test
  void aCommitLandingBetweenTheRefAdvertisementAndThePushIsKeptAndTheBumpRetried()
      throws Exception {
    // over smart HTTP the client reads the refs with one request and pushes with the next; a
    // commit in between reaches JGit's server as a push whose old id is no longer the branch's
    BumpResult result;
    try (LoopbackGitServer server =
            LoopbackGitServer.start(repo.repository(), receive -> pushConcurrentCommitOnce());
        BumpCommand command = command(new PolicyEngines(getClass().getClassLoader())::select)) {
      result = command.call(BumpOverHttpTest.request(server.uri(), "1.2.0", server.credentials()));
    }

    assertRetriedOnTopOfTheConcurrentCommit(result);
    assertThat(log)
        .contains(
            "Attempt 1 was rejected (the update of refs/heads/main raced another push: invalid old"
                + " id sent); retrying");
  }

  private BumpCommand command(Function<ValidateRequest, PolicyEngines.Selection> engines) {
    return BumpCommandTest.command(
        BumpCommandTest.noWait(), engines, temp.resolve("work"), log::add);
  }

  private void assertRetriedOnTopOfTheConcurrentCommit(BumpResult result) throws Exception {
    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
    assertThat(result.attempts()).isEqualTo(2);
    List<RevCommit> history = LinearHistory.assertForwardOnly(repo, seed);
    assertThat(history)
        .extracting(RevCommit::name)
        .containsExactly(result.commit(), concurrent.get().name(), seed.name());
    assertThat(repo.file(PRODUCTION)).isEqualTo(edited.replace("newTag: 1.0.0", "newTag: 1.2.0"));
  }

  /** The first time only, commits the edited production overlay to main, as another writer. */
  private void pushConcurrentCommitOnce() {
    synchronized (concurrent) {
      if (concurrent.get() != null) {
        return;
      }
      try {
        concurrent.set(
            writer
                .branch("refs/heads/main")
                .commit()
                .add(PRODUCTION, edited)
                .message("Edit by hand")
                .create());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}
