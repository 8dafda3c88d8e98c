package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bump benchmark's options, its reading of bash's {@code times} and its check of a commit. */
class BumpBenchmarkPartsTest {
  private static final String OVERLAY =
      """
      images:
      - name: svc-0041
        newName: registry/svc-0041
        newTag: 1.0.3
      - name: svc-0042
        newName: registry/svc-0042
        newTag: 1.0.7
      """;

  @Test
  void defaultsAreIssue5sRepository() {
    BumpOptions options = BumpOptions.parse(new String[0]);

    assertThat(options.services()).isEqualTo(500);
    assertThat(options.commits()).isEqualTo(200);
    assertThat(options.clonesDir()).isNull();
    assertThat(options.clones())
        .isIn(
            Path.of("/dev/shm/treum-bump-benchmark"),
            Path.of("target/bump-benchmark/clones").toAbsolutePath());
  }

  @Test
  void argumentsOverrideTheDefaults() {
    assertThat(
            BumpOptions.parse(
                new String[] {
                  "--services=20",
                  "--commits=5",
                  "--warmup-rounds=0",
                  "--rounds=2",
                  "--shell-timeout-seconds=9",
                  "--work-dir=/tmp/b",
                  "--clones-dir=/tmp/c"
                }))
        .isEqualTo(
            new BumpOptions(
                20, 5, 0, 2, Duration.ofSeconds(9), Path.of("/tmp/b"), Path.of("/tmp/c")));
    assertThatThrownBy(() -> BumpOptions.parse(new String[] {"--sizes=5"}))
        .hasMessageContaining("unknown option --sizes");
  }

  @Test
  void childrenCpuIsUserPlusSystemOfTheSecondLineOfTimes() {
    assertThat(ShellBump.childrenCpu("0m0.004s 0m0.002s\n0m0.130s 1m0.020s\n"))
        .isEqualTo(Duration.ofMillis(60_150));
    assertThatThrownBy(() -> ShellBump.childrenCpu("fatal: no remote\n"))
        .hasMessageContaining("times");
  }

  @Test
  void acceptsTheOneNewTagLineOfTheService() {
    BumpCommitCheck.checkOneLine(
        "k.yaml",
        OVERLAY,
        OVERLAY.replace("newTag: 1.0.7", "newTag: \"2.0.1\""),
        "svc-0042",
        "2.0.1");
  }

  @Test
  void refusesAnyOtherChange() {
    assertThatThrownBy(
            () ->
                BumpCommitCheck.checkOneLine(
                    "k.yaml",
                    OVERLAY,
                    OVERLAY.replace("newTag: 1.0.3", "newTag: 2.0.1"),
                    "svc-0042",
                    "2.0.1"))
        .hasMessageContaining("expected the newTag of svc-0042");
    assertThatThrownBy(
            () ->
                BumpCommitCheck.checkOneLine(
                    "k.yaml",
                    OVERLAY,
                    OVERLAY
                        .replace("newTag: 1.0.7", "newTag: 2.0.1")
                        .replace("  newName", "    newName"),
                    "svc-0042",
                    "2.0.1"))
        .hasMessageContaining("changed 3 lines");
    assertThatThrownBy(
            () ->
                BumpCommitCheck.checkOneLine(
                    "k.yaml", OVERLAY, OVERLAY + "# bumped\n", "svc-0042", "2.0.1"))
        .hasMessageContaining("added or removed lines");
  }
}
