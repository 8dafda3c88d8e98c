package io.treum.gitops.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one bump benchmark run does, from {@code --name=value} arguments (the {@code benchmark}
 * profile passes them from {@code -Dbenchmark.bump.*} properties).
 *
 * @param services the services of the config repository
 * @param commits the commits of its history before the rounds (the first holds the tree, the others
 *     are earlier bumps)
 * @param warmupRounds untimed rounds before the timed ones
 * @param rounds timed rounds; each bumps with treum and with the shell path, in all overlays and in
 *     one, alternating which goes first
 * @param shellTimeout when one run of the shell path is given up
 * @param workDir where the repository is written (replaced on each run), and the clones unless
 *     {@code clonesDir} says otherwise
 * @param clonesDir where both paths clone to, or null: {@code /dev/shm} when it is a writable
 *     folder, else {@code workDir/clones}. Both paths write their clones to the same place: the
 *     shell path's checkout writes the tree's 3,000 files, and on a disk whose file creation slows
 *     down with each create-and-delete cycle (this machine's ext4: 0.47 s for 3,000 files at first,
 *     1.54 s after three cycles) that would time the disk rather than the bump
 */
public record BumpOptions(
    int services,
    int commits,
    int warmupRounds,
    int rounds,
    Duration shellTimeout,
    Path workDir,
    Path clonesDir) {

  static final String USAGE =
      "usage: BumpBenchmark [--services=500] [--commits=200] [--warmup-rounds=1] [--rounds=3]"
          + " [--shell-timeout-seconds=600] [--work-dir=target/bump-benchmark]"
          + " [--clones-dir=/dev/shm/treum-bump-benchmark]";

  public BumpOptions {
    if (services < 1 || commits < 1 || warmupRounds < 0 || rounds < 1) {
      throw new IllegalArgumentException(
          "services, commits and rounds must be ≥ 1, warmup-rounds ≥ 0; " + USAGE);
    }
    if (shellTimeout.isNegative() || shellTimeout.isZero()) {
      throw new IllegalArgumentException("shell-timeout-seconds must be positive; " + USAGE);
    }
  }

  /** Issue 5's repository: 500 services × 3 overlays, 200 commits of history. */
  public static BumpOptions defaults() {
    return new BumpOptions(
        500, 200, 1, 3, Duration.ofMinutes(10), Path.of("target/bump-benchmark"), null);
  }

  /**
   * The options of {@code --name=value} arguments, the defaults for those not given.
   *
   * @throws IllegalArgumentException naming the bad argument and showing the usage
   */
  public static BumpOptions parse(String[] args) {
    BumpOptions d = defaults();
    int services = d.services();
    int commits = d.commits();
    int warmupRounds = d.warmupRounds();
    int rounds = d.rounds();
    Duration shellTimeout = d.shellTimeout();
    Path workDir = d.workDir();
    Path clonesDir = d.clonesDir();
    for (Map.Entry<String, String> option : OptionArguments.parse(args, USAGE).entrySet()) {
      String name = option.getKey();
      String value = option.getValue();
      switch (name) {
        case "services" -> services = OptionArguments.number(name, value, USAGE);
        case "commits" -> commits = OptionArguments.number(name, value, USAGE);
        case "warmup-rounds" -> warmupRounds = OptionArguments.number(name, value, USAGE);
        case "rounds" -> rounds = OptionArguments.number(name, value, USAGE);
        case "shell-timeout-seconds" ->
            shellTimeout = Duration.ofSeconds(OptionArguments.number(name, value, USAGE));
        case "work-dir" -> workDir = Path.of(value);
        case "clones-dir" -> clonesDir = value.isBlank() ? null : Path.of(value);
        default -> throw OptionArguments.unknown(name, USAGE);
      }
    }
    return new BumpOptions(
        services, commits, warmupRounds, rounds, shellTimeout, workDir, clonesDir);
  }

  /**
   * Where the clones go: {@link #clonesDir}, else {@code /dev/shm} if writable, else the work dir.
   */
  Path clones() {
    if (clonesDir != null) {
      return clonesDir.toAbsolutePath();
    }
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return shm.resolve("treum-bump-benchmark");
    }
    return workDir.toAbsolutePath().resolve("clones");
  }
}
