package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;

import io.treum.gitops.policy.PolicyEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lost updates: {@value #WRITERS} bumps of different images race for one branch — from threads of
 * this JVM and from separate JVMs, over the file transport and smart HTTP — and each lands exactly
 * once, on a linear history that only ever moved forward.
 *
 * <p>The bumps run with treum's standard backoff and room for {@value BumpMain#MAX_ATTEMPTS}
 * attempts, so that a run over the contract still ends and shows its distribution: the tests then
 * assert that no bump needed more than {@link BumpRequest#DEFAULT_MAX_ATTEMPTS}, the default of
 * {@code treum.maxAttempts}. Every attempt builds and gates the overlay again on the new tip, and
 * that CPU is most of these tests' time; the backoff, scaled to how long the lost attempt took,
 * spreads the losers so that fewer attempts are lost. Measured on a loaded 2-core machine: with the
 * former fixed 200 ms base, up to 13 attempts for one bump and 91 to 113 in all per case; scaled,
 * at most 5 and 32 to 47 in all.
 */
class ConcurrentBumpsTest {
  static final int WRITERS = 16;

  /** The fleet's one overlay, which every bump changes. */
  static final String PRODUCTION = "overlays/production/kustomization.yaml";

  @TempDir static Path shared;
  static Path fleet;

  @TempDir Path temp;

  @BeforeAll
  static void writeFleet() throws Exception {
    fleet = Fleet.write(shared.resolve("fleet"), WRITERS);
  }

  /** What the bump of service {@code n} reported: its bump id, the commit it pushed, its tries. */
  record Landed(int service, String bumpId, String commit, int attempts) {}

  static String tag(int n) {
    return "1." + n + ".0";
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void bumpsFromThreadsOfOneJvmEachLandOnce(Transport transport) throws Exception {
    Queue<String> log = new ConcurrentLinkedQueue<>();
    try (ConfigRepository repo = ConfigRepository.seed(temp, fleet);
        Transport.Remote remote = transport.serve(repo);
        BumpCommand command =
            BumpCommandTest.command(
                Backoff.standard(new Random(1)),
                new PolicyEngines(getClass().getClassLoader())::select,
                temp.resolve("work"),
                log::add)) {
      ObjectId seed = repo.tip();
      ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
      List<Landed> landed = new ArrayList<>();
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<BumpResult>> bumps = new ArrayList<>();
        for (int n = 1; n <= WRITERS; n++) {
          BumpRequest request = request(remote, n);
          bumps.add(
              threads.submit(
                  () -> {
                    start.await();
                    return command.call(request);
                  }));
        }
        start.countDown();
        for (int n = 1; n <= WRITERS; n++) {
          BumpResult result = bumps.get(n - 1).get(BumpMain.PATIENCE.toSeconds(), TimeUnit.SECONDS);
          assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
          assertThat(result.images()).containsExactly(Fleet.image(n) + ":" + tag(n));
          landed.add(new Landed(n, result.bumpId(), result.commit(), result.attempts()));
        }
      } finally {
        threads.shutdownNow();
      }

      assertEachLandedOnce(repo, seed, landed);
      BumpOverHttpTest.assertNoToken(LoopbackGitServer.TOKEN, String.join("\n", log));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void bumpsFromSeparateJvmsEachLandOnce(Transport transport) throws Exception {
    try (ConfigRepository repo = ConfigRepository.seed(temp, fleet);
        Transport.Remote remote = transport.serve(repo);
        BumpMain.Processes processes = new BumpMain.Processes(temp.resolve("processes"))) {
      ObjectId seed = repo.tip();
      for (int n = 1; n <= WRITERS; n++) {
        processes.start(remote.uri(), Fleet.image(n), tag(n), LoopbackGitServer.CREDENTIALS);
      }
      List<BumpMain.Outcome> outcomes = processes.await(BumpMain.PATIENCE);

      List<Landed> landed = new ArrayList<>();
      for (int n = 1; n <= WRITERS; n++) {
        BumpMain.Outcome outcome = outcomes.get(n - 1);
        assertThat(outcome.exitCode()).as(outcome.printed()).isZero();
        BumpOverHttpTest.assertNoToken(LoopbackGitServer.TOKEN, outcome.out(), outcome.err());
        List<String> result = outcome.result();
        assertThat(result.get(1)).isEqualTo(BumpResult.Outcome.PUSHED.name());
        landed.add(new Landed(n, result.get(4), result.get(2), Integer.parseInt(result.get(3))));
      }
      assertEachLandedOnce(repo, seed, landed);
    }
  }

  private static BumpRequest request(Transport.Remote remote, int n) {
    return BumpCommandTest.request(
        remote.uri(), Fleet.image(n), tag(n), BumpMain.MAX_ATTEMPTS, remote.credentials());
  }

  /**
   * One commit per bump, found by its trailer, the one the bump reported; a linear history that
   * only moved forward; every new tag in the final tree and nothing else changed.
   */
  private static void assertEachLandedOnce(
      ConfigRepository repo, ObjectId seed, List<Landed> landed) throws Exception {
    List<Integer> attempts = landed.stream().map(Landed::attempts).sorted().toList();
    String distribution =
        "attempts per bump "
            + attempts
            + ", "
            + attempts.stream().mapToInt(a -> a).sum()
            + " in all";
    System.out.println(distribution);
    assertThat(attempts.stream().mapToInt(a -> a).sum())
        .as("attempts in all: the bumps did race")
        .isGreaterThan(WRITERS);
    assertThat(attempts.get(attempts.size() - 1))
        .as("the most attempts a bump needed, within treum.maxAttempts' default; " + distribution)
        .isLessThanOrEqualTo(BumpRequest.DEFAULT_MAX_ATTEMPTS);
    List<RevCommit> history = LinearHistory.assertForwardOnly(repo, seed);
    assertThat(history).hasSize(WRITERS + 1);
    assertThat(LinearHistory.byBumpId(history))
        .containsExactlyInAnyOrderEntriesOf(
            landed.stream().collect(Collectors.toMap(Landed::bumpId, l -> List.of(l.commit()))));
    for (Landed bump : landed) {
      RevCommit commit =
          history.stream().filter(c -> c.name().equals(bump.commit())).findFirst().orElseThrow();
      assertThat(commit.getFooterLines(BumpMessage.IMAGE_TRAILER))
          .containsExactly(Fleet.image(bump.service()) + ":" + tag(bump.service()));
    }

    try (RevWalk walk = new RevWalk(repo.repository());
        TreeWalk trees = new TreeWalk(repo.repository())) {
      trees.setRecursive(true);
      trees.addTree(walk.parseCommit(seed).getTree());
      trees.addTree(walk.parseCommit(repo.tip()).getTree());
      assertThat(DiffEntry.scan(trees))
          .extracting(DiffEntry::getNewPath)
          .containsExactly(PRODUCTION);
    }
    assertThat(repo.file(PRODUCTION)).isEqualTo(everyTagBumped(repo.file(seed, PRODUCTION)));
  }

  /** The seed's kustomization with each image's newTag set to its bump's tag. */
  private static String everyTagBumped(String text) {
    String bumped = text;
    for (int n = 1; n <= WRITERS; n++) {
      String image = Pattern.quote(Fleet.image(n));
      Matcher entry =
          Pattern.compile(
                  "(- name: " + image + "\n +newName: \\S+/" + image + "\n +newTag: )1\\.0\\.0\n")
              .matcher(bumped);
      assertThat(entry.find()).as("entry of %s", Fleet.image(n)).isTrue();
      bumped = entry.replaceFirst("$1" + Matcher.quoteReplacement(tag(n)) + "\n");
    }
    return bumped;
  }
}
