package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.ReportFormat;
import io.treum.gitops.policy.ValidateCommand;
import io.treum.gitops.policy.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** Bumps against a real bare repository on disk, through the file transport. */
class BumpCommandTest extends SeededBumpTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);

  BumpCommand command(Function<ValidateRequest, PolicyEngines.Selection> engines) {
    return command(noWait(), engines, temp.resolve("work"), log::add);
  }

  /** A command as the bump tests run it: the built-in schema and the fixed clock. */
  static BumpCommand command(
      Backoff backoff,
      Function<ValidateRequest, PolicyEngines.Selection> engines,
      Path workRoot,
      Consumer<String> log) {
    return new BumpCommand(
        new ManifestYaml(), MergeSchema.builtIn(), CLOCK, backoff, engines, workRoot, log);
  }

  /** A command that does not wait between attempts, with TREUM's bundled policies. */
  static BumpCommand command(Path workRoot, Consumer<String> log) {
    return command(
        noWait(), new PolicyEngines(BumpCommandTest.class.getClassLoader())::select, workRoot, log);
  }

  /** A backoff that does not wait, for tests whose races are staged. */
  static Backoff noWait() {
    return new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(1), d -> {});
  }

  /** A bump of one image to a new tag in every overlay that uses it. */
  static BumpRequest request(
      String repository, String image, String tag, int maxAttempts, GitCredentials credentials) {
    return new BumpRequest(
        repository,
        "main",
        List.of(image),
        tag,
        null,
        Set.of(),
        null,
        null,
        null,
        null,
        false,
        maxAttempts,
        false,
        credentials);
  }

  BumpRequest request(String tag, Set<String> environments) {
    return request(repo.uri(), tag, environments);
  }

  static BumpRequest request(String repository, String tag, Set<String> environments) {
    return new BumpRequest(
        repository,
        "main",
        List.of("treum-service"),
        tag,
        null,
        environments,
        null,
        null,
        "abc1234",
        null,
        false,
        10,
        false,
        null);
  }

  @Test
  void commitsTheNewTagInEveryOverlayThatUsesTheImage() throws Exception {
    String production = repo.file("overlays/production/kustomization.yaml");
    String dr = repo.file("overlays/dr/kustomization.yaml");

    BumpResult result = command.call(request("1.2.0", Set.of()));

    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
    assertThat(result.environments()).containsExactly("dr", "production");
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(repo.file("overlays/production/kustomization.yaml"))
        .isEqualTo(production.replace("newTag: 1.0.0", "newTag: 1.2.0"));
    assertThat(repo.file("overlays/dr/kustomization.yaml"))
        .isEqualTo(dr.replace("newTag: 1.0.0", "newTag: 1.2.0"));
    List<RevCommit> history = repo.history();
    assertThat(history).hasSize(2);
    RevCommit bump = history.get(0);
    assertThat(bump.getId().name()).isEqualTo(result.commit());
    assertThat(bump.getParentCount()).isEqualTo(1);
    assertThat(bump.getShortMessage()).isEqualTo("Bump treum-service to 1.2.0 in dr, production");
    assertThat(bump.getFooterLines(BumpMessage.IMAGE_TRAILER))
        .containsExactly("treum-service:1.2.0");
    assertThat(bump.getFooterLines(BumpMessage.ENVIRONMENTS_TRAILER))
        .containsExactly("dr, production");
    assertThat(bump.getFooterLines(BumpMessage.BUMP_ID_TRAILER)).containsExactly(result.bumpId());
    assertThat(bump.getAuthorIdent().getWhenAsInstant()).isEqualTo(CLOCK.instant());
  }

  @Test
  void runningTheSameBumpAgainMakesNoCommit() throws Exception {
    BumpResult first = command.call(request("1.2.0", Set.of()));

    BumpResult again = command.call(request("1.2.0", Set.of()));

    assertThat(again.outcome()).isEqualTo(BumpResult.Outcome.ALREADY_APPLIED);
    assertThat(again.bumpId()).isEqualTo(first.bumpId());
    assertThat(again.commit()).isNull();
    assertThat(repo.history()).hasSize(2);
  }

  @Test
  void aBumpToTheReferenceAlreadyInPlaceMakesNoCommit() throws Exception {
    BumpResult result = command.call(request("1.0.0", Set.of("production")));

    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.UP_TO_DATE);
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void anOldBumpRetriedAfterANewerOneDoesNotRollBack() throws Exception {
    command.call(request("1.2.0", Set.of()));
    command.call(request("1.3.0", Set.of()));

    BumpResult retried = command.call(request("1.2.0", Set.of()));

    assertThat(retried.outcome()).isEqualTo(BumpResult.Outcome.ALREADY_APPLIED);
    assertThat(repo.file("overlays/production/kustomization.yaml")).contains("newTag: 1.3.0");
  }

  @Test
  void aDowngradeIsRefusedUnlessAllowed() throws Exception {
    assertThatThrownBy(() -> command.call(request("0.9.0", Set.of("production"))))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining(
            "refusing to downgrade treum-service in production from 1.0.0 to 0.9.0")
        .hasMessageContaining("treum.allowDowngrade");
    assertThat(repo.history()).hasSize(1);

    BumpRequest allowed =
        new BumpRequest(
            repo.uri(),
            "main",
            List.of("treum-service"),
            "0.9.0",
            null,
            Set.of("production"),
            null,
            null,
            null,
            null,
            false,
            10,
            true,
            null);
    assertThat(command.call(allowed).outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
  }

  @Test
  void aBumpThatViolatesAPolicyMakesNoCommitAndNamesTheRule() throws Exception {
    assertThatThrownBy(() -> command.call(request("latest", Set.of("production"))))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("policy gate refuses")
        .hasMessageContaining("TREUM-IMG-002")
        .hasMessageContaining("nothing was committed");
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void theGateJudgesTheChangeNotAViolationTheBumpDoesNotTouch() throws Exception {
    // the Service's port no longer names its protocol (TREUM-MESH-003): a violation on an object
    // whose image the bump does not change
    Path folder = temp.resolve("unrelated-violation");
    try (ConfigRepository violating =
        ConfigRepository.seed(
            folder,
            ConfigRepository.PLATFORM,
            text ->
                text.contains("kind: Service\n")
                    ? text.replace("- name: http", "- name: web")
                    : text)) {
      ValidateCommand validate =
          new ValidateCommand(
              new ManifestYaml(),
              MergeSchema.builtIn(),
              CLOCK,
              new PolicyEngines(getClass().getClassLoader())::select);
      assertThat(
              validate
                  .validate(
                      new ValidateRequest(
                          folder.resolve("seed"),
                          Set.of(),
                          List.of(),
                          null,
                          EnumSet.noneOf(ReportFormat.class),
                          folder.resolve("reports"),
                          null,
                          false))
                  .result()
                  .findings())
          .anyMatch(f -> f.ruleId().equals("TREUM-MESH-003"));

      BumpRequest bump = request(violating.uri(), "1.4.0", Set.of("production"));
      assertThat(command.call(bump).outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
      // the bumped object itself is still judged
      assertThatThrownBy(
              () -> command.call(request(violating.uri(), "latest", Set.of("production"))))
          .hasMessageContaining("TREUM-IMG-002")
          .hasMessageNotContaining("TREUM-MESH-003");
    }
  }

  @Test
  void theGateJudgesAnOverlayBuiltOnTheEditedOne() throws Exception {
    // overlays/live builds on overlays/production, so a bump of production reaches live without an
    // edit of live's file. production is of the non-production tier, live is not: a branch tag
    // passes the edited overlay and is refused for the one built on it (TREUM-IMG-003)
    Path tree = nonProductionTree("layered-tree");
    write(tree.resolve("overlays/live/kustomization.yaml"), LIVE + "  - ../production\n");
    try (ConfigRepository layered = ConfigRepository.seed(temp.resolve("layered"), tree)) {
      BumpResult dry = command.call(dryRun(request(layered.uri(), "1.4.0", Set.of("production"))));
      assertThat(dry.diff())
          .contains("overlays/production/kustomization.yaml", "hydrated/live.yaml")
          .doesNotContain("overlays/live/kustomization.yaml");

      BumpResult release = command.call(request(layered.uri(), "1.4.0", Set.of("production")));
      assertThat(release.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
      assertThat(release.environments()).containsExactly("production");
      assertThat(log)
          .contains("The edit also changes overlays/live, which builds on an edited overlay");

      assertRefusedForLiveOnly(layered);
    }
  }

  @Test
  void theGateJudgesAnOverlayThatLinksToTheEditedKustomizationFile() throws Exception {
    try (ConfigRepository linked = linkedLive("linked")) {
      assertRefusedForLiveOnly(linked);
    }
  }

  @Test
  void aKustomizationFileReachedThroughALinkIsEditedOnlyThroughTheFileItLinksTo() throws Exception {
    try (ConfigRepository linked = linkedLive("linked-edit")) {
      // every overlay that uses the image: live changes with production's file, its link stays
      BumpResult release = command.call(request(linked.uri(), "1.4.0", Set.of()));

      assertThat(release.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
      assertThat(release.environments()).containsExactly("dr", "production");
      assertThat(linked.file(PRODUCTION)).contains("newTag: 1.4.0");
      assertThat(linked.file("overlays/live/kustomization.yaml"))
          .isEqualTo("../production/kustomization.yaml");

      // live alone would have to be edited through its link
      assertThatThrownBy(() -> command.call(request(linked.uri(), "1.5.0", Set.of("live"))))
          .isInstanceOf(BumpException.class)
          .hasMessageContaining(
              "overlays/live/kustomization.yaml is reached through a symbolic link")
          .hasMessageContaining("(it is overlays/production/kustomization.yaml)")
          .hasMessageContaining("nothing was committed");
      assertThat(linked.history()).hasSize(3);
    }
  }

  /**
   * A repository whose overlays/live/kustomization.yaml is a symbolic link to production's, beside
   * live's own copies of the files it names and a production-tier profile: an edit of production's
   * file changes live too.
   */
  private ConfigRepository linkedLive(String name) throws Exception {
    Path tree = nonProductionTree(name + "-tree");
    ConfigRepository.copy(
        tree.resolve("overlays/production"), tree.resolve("overlays/live"), text -> text);
    write(tree.resolve("overlays/live/treum-environment.yaml"), LIVE_PROFILE);
    Files.delete(tree.resolve("overlays/live/kustomization.yaml"));
    ConfigRepository linked = ConfigRepository.seed(temp.resolve(name), tree);
    linked.commitSymbolicLink(
        "overlays/live/kustomization.yaml", "../production/kustomization.yaml");
    return linked;
  }

  @Test
  void anOverlayBuiltOnTheEditedOneThatSetsTheImageItselfIsNotJudged() throws Exception {
    Path tree = nonProductionTree("pinned-tree");
    write(
        tree.resolve("overlays/live/kustomization.yaml"),
        LIVE
            + "  - ../production\nimages:\n"
            + "  - name: 111122223333.dkr.ecr.ap-south-1.amazonaws.com/treum-service\n"
            + "    newTag: 1.0.0\n");
    try (ConfigRepository pinned = ConfigRepository.seed(temp.resolve("pinned"), tree)) {
      BumpResult dry = command.call(dryRun(request(pinned.uri(), "main", Set.of("production"))));

      // live's build is what it was: neither shown nor judged (IMG-003 would refuse `main` there)
      assertThat(dry.diff())
          .doesNotContain("hydrated/live.yaml")
          .doesNotContain("would be refused");
      assertThat(log).noneMatch(line -> line.contains("also changes"));
    }
  }

  private static final String LIVE =
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n";
  private static final String LIVE_PROFILE =
      "parameters:\n  account: \"111122223333\"\nregion: ap-south-1\nrole: primary\n";

  /**
   * The validate platform with production of the non-production tier and a production-tier
   * overlays/live whose kustomization the test writes.
   */
  private Path nonProductionTree(String name) throws Exception {
    Path tree = temp.resolve(name);
    ConfigRepository.copy(ConfigRepository.PLATFORM, tree, text -> text);
    Path profile = tree.resolve("overlays/production/treum-environment.yaml");
    write(
        profile,
        Files.readString(profile)
            .replace(
                "  account: \"111122223333\"\n",
                "  account: \"111122223333\"\n  tier: non-production\n"));
    write(tree.resolve("overlays/live/treum-environment.yaml"), LIVE_PROFILE);
    return tree;
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A branch tag for production is refused for live alone, and nothing is committed. */
  private void assertRefusedForLiveOnly(ConfigRepository repository) throws Exception {
    int commits = repository.history().size();
    assertThatThrownBy(() -> command.call(request(repository.uri(), "main", Set.of("production"))))
        .hasMessageContaining("TREUM-IMG-003")
        .hasMessageContaining("(live)")
        .hasMessageNotContaining("(production)");
    assertThat(repository.history()).hasSize(commits);
  }

  static BumpRequest dryRun(BumpRequest request) {
    return new BumpRequest(
        request.repository(),
        request.branch(),
        request.images(),
        request.tag(),
        request.digest(),
        request.environments(),
        request.promoteFrom(),
        request.messageTemplate(),
        request.sourceCommit(),
        request.author(),
        true,
        request.maxAttempts(),
        request.allowDowngrade(),
        request.credentials(),
        request.signing(),
        request.ssh());
  }

  @Test
  void promotesTheReferenceOfOneEnvironmentToAnother() throws Exception {
    command.call(request("1.4.0", Set.of("production")));

    BumpRequest promote =
        new BumpRequest(
            repo.uri(),
            "main",
            List.of("treum-service"),
            null,
            null,
            Set.of(),
            "production",
            null,
            null,
            null,
            false,
            10,
            false,
            null);
    BumpResult result = command.call(promote);

    assertThat(result.environments()).containsExactly("dr");
    assertThat(repo.file("overlays/dr/kustomization.yaml")).contains("newTag: 1.4.0");
  }

  @Test
  void aDryRunShowsTheDiffsAndTouchesNothing() throws Exception {
    BumpRequest dry =
        new BumpRequest(
            repo.uri(),
            "main",
            List.of("treum-service"),
            "1.2.0",
            null,
            Set.of("production"),
            null,
            null,
            null,
            null,
            true,
            10,
            false,
            null);

    BumpResult result = command.call(dry);

    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.DRY_RUN);
    assertThat(result.diff())
        .contains("-    newTag: 1.0.0", "+    newTag: 1.2.0")
        .contains("hydrated/production.yaml")
        .contains("treum-service:1.2.0")
        .contains("Policy gate:");
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void anUnknownEnvironmentOrImageIsRefused() {
    assertThatThrownBy(() -> command.call(request("1.2.0", Set.of("staging"))))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("treum.environments names 'staging'");
    BumpRequest other = request(repo.uri(), "unknown-image", "1.0.0", 10, null);
    assertThatThrownBy(() -> command.call(other))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("no overlay uses unknown-image")
        .hasMessageContaining("the overlays use [")
        .hasMessageContaining("treum-service");
  }

  @Test
  void aMissingBranchIsNamed() {
    BumpRequest request =
        new BumpRequest(
            repo.uri(),
            "release",
            List.of("treum-service"),
            "1.2.0",
            null,
            Set.of(),
            null,
            null,
            null,
            null,
            false,
            10,
            false,
            null);

    assertThatThrownBy(() -> command.call(request))
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("release");
  }
}
