package io.treum.gitops.benchmarks;

import io.treum.gitops.bump.Backoff;
import io.treum.gitops.bump.BumpCommand;
import io.treum.gitops.bump.BumpRequest;
import io.treum.gitops.bump.BumpResult;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.PolicyEngines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Times a bump from start to pushed (issue 5, "Speed"): treum's {@link BumpCommand} against the
 * shell path users script today ({@code git clone --depth 1}, {@code yq -i} per overlay, {@code git
 * commit -am}, {@code git push}), side by side on the same generated config repository, in all
 * three overlays and in one. Each round starts both from the same tip and checks that each pushed
 * exactly the intended commit ({@link BumpCommitCheck}); then prints a Markdown table and the
 * verdict.
 *
 * <p>Run it through the {@code benchmark} profile with {@code -Dbenchmark.suite=bump} (see README,
 * "Bump benchmark"). The exit code is 1 when a bump fails or lands wrong, 2 on bad arguments; a
 * missed target is reported, not failed.
 */
public final class BumpBenchmark {
  /** What a round bumps: the service's image in every overlay, or in one. */
  enum Scope {
    ALL(PlatformTree.ENVIRONMENTS, true),
    ONE(List.of("production"), true),
    /** All overlays with a policy engine that evaluates nothing: what the rest of a bump costs. */
    ALL_WITHOUT_EVALUATION(PlatformTree.ENVIRONMENTS, false);

    final List<String> environments;
    final boolean evaluates;

    Scope(List<String> environments, boolean evaluates) {
      this.environments = environments;
      this.evaluates = evaluates;
    }

    String describe() {
      return environments.size()
          + " of 3 ("
          + String.join(", ", environments)
          + ")"
          + (evaluates ? "" : ", policy evaluation stubbed out");
    }
  }

  /** The timed runs of one scope. */
  private static final class Results {
    final List<Duration> treumWall = new ArrayList<>();
    final List<Duration> treumCpu = new ArrayList<>();
    final List<Duration> engineCpu = new ArrayList<>();
    final List<Duration> shellWall = new ArrayList<>();
    final List<Duration> shellCpu = new ArrayList<>();
    Duration coldWall;
    Duration coldCpu;
  }

  private final BumpOptions options;
  private final Optional<ShellBump> shell;
  private final String shellMissing;
  private final PrintStream out;
  private int bumps;

  public BumpBenchmark(
      BumpOptions options, Optional<ShellBump> shell, String shellMissing, PrintStream out) {
    this.options = options;
    this.shell = shell;
    this.shellMissing = shellMissing;
    this.out = out;
  }

  public static void main(String[] args) {
    BumpOptions options;
    try {
      options = BumpOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    StringBuilder why = new StringBuilder();
    Optional<ShellBump> shell =
        ShellBump.locate(
            System.getenv(), Path.of(System.getProperty("user.home")), options.shellTimeout(), why);
    try {
      new BumpBenchmark(options, shell, why.toString(), System.out).run();
    } catch (RuntimeException e) {
      System.out.flush();
      System.err.println("bump benchmark failed: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  /** Writes the repository, runs the rounds, prints the table and the verdict. */
  public void run() {
    out.println("treum bump benchmark");
    BenchmarkConsole.printMachine(out);
    out.println(
        shell
            .map(s -> "shell path: bash, " + gitVersion() + ", yq " + s.describe())
            .orElse(
                "SHELL PATH NOT RUN: "
                    + shellMissing
                    + "; install mikefarah yq v4 (tools/install-test-tools.sh) or set TREUM_YQ"));
    int services = options.services();
    BenchmarkConsole.progress(
        out, services, "writing the repository (" + options.commits() + " commits)");
    Stopwatch writing = new Stopwatch();
    BumpRepository repository =
        BumpRepository.write(
            options.workDir().toAbsolutePath().resolve("repository"),
            services,
            options.commits(),
            new ManifestYaml());
    BenchmarkConsole.progress(
        out,
        services,
        "repository " + repository.url() + " written in " + BenchmarkReport.format(writing.wall()));
    Path clones = options.clones();
    BenchmarkConsole.progress(
        out, services, "both paths clone into " + clones + " (" + fileStore(clones) + ")");
    List<Results> results = List.of(new Results(), new Results(), new Results());
    for (int round = 0; round < options.warmupRounds() + options.rounds(); round++) {
      boolean timed = round >= options.warmupRounds();
      for (Scope scope : Scope.values()) {
        Results into = results.get(scope.ordinal());
        // alternate which path goes first, so neither always meets a cold page cache
        boolean treumFirst = round % 2 == 0;
        for (int turn = 0; turn < 2; turn++) {
          if ((turn == 0) == treumFirst) {
            treum(repository, scope, clones, into, timed, round);
          } else if (scope.evaluates) {
            // the stubbed variant is compared with the shell runs of the same overlays
            shell(repository, scope, clones, into, timed, round);
          }
        }
      }
    }
    out.println();
    out.print(table(repository, results));
    out.println();
    for (Scope scope : Scope.values()) {
      out.println(
          "- "
              + verdict(
                  scope, results.get(scope.ordinal()), results.get(shellScope(scope).ordinal())));
    }
    out.flush();
  }

  private void treum(
      BumpRepository repository, Scope scope, Path clones, Results into, boolean timed, int round) {
    repository.resetMain();
    String tag = BumpRepository.tag(++bumps);
    // as treum:bump runs it: a new command, policy engine and YAML reader per bump
    ClassLoader loader = BumpBenchmark.class.getClassLoader();
    TimedEngines engines =
        new TimedEngines(
            scope.evaluates
                ? new PolicyEngines(loader)::select
                : TimedEngines.withoutEvaluation(loader));
    Stopwatch watch = new Stopwatch();
    BumpResult result;
    try (BumpCommand command =
        new BumpCommand(
            new ManifestYaml(),
            MergeSchema.builtIn(),
            Clock.systemUTC(),
            Backoff.standard(new SecureRandom()),
            engines,
            clones,
            line -> {})) {
      result =
          command.call(
              new BumpRequest(
                  repository.url(),
                  "main",
                  List.of(repository.service()),
                  tag,
                  null,
                  Set.copyOf(scope.environments),
                  null,
                  null,
                  null,
                  null,
                  false,
                  BumpRequest.DEFAULT_MAX_ATTEMPTS,
                  false,
                  null));
    }
    Duration wall = watch.wall();
    Duration cpu = watch.cpu();
    if (result.outcome() != BumpResult.Outcome.PUSHED
        || result.attempts() != 1
        || !result.environments().equals(scope.environments)) {
      throw new IllegalStateException("treum's bump did not push in one attempt: " + result);
    }
    BumpCommitCheck.verify(
        repository.bare(), repository.seed(), repository.service(), tag, scope.environments);
    Duration engine = engines.load().plus(engines.evaluate());
    if (round == 0) {
      into.coldWall = wall;
      into.coldCpu = cpu;
    }
    if (timed) {
      into.treumWall.add(wall);
      into.treumCpu.add(cpu);
      into.engineCpu.add(engine);
    }
    BenchmarkConsole.progress(
        out,
        repository.services(),
        String.format(
            Locale.ROOT,
            "%s treum, %s: %s wall, %s CPU (policy engine: load %s, evaluate %s CPU)",
            timed ? "round " + (round - options.warmupRounds() + 1) : "warm-up",
            scope.describe(),
            BenchmarkReport.format(wall),
            cpu == null ? "?" : BenchmarkReport.format(cpu),
            BenchmarkReport.format(engines.load()),
            BenchmarkReport.format(engines.evaluate())));
  }

  private void shell(
      BumpRepository repository, Scope scope, Path clones, Results into, boolean timed, int round) {
    if (shell.isEmpty()) {
      return;
    }
    repository.resetMain();
    String tag = BumpRepository.tag(++bumps);
    ShellBump.Run run =
        shell
            .get()
            .bump(
                repository.url(),
                clones.resolve("shell-" + bumps),
                repository.service(),
                tag,
                scope.environments);
    BumpCommitCheck.verify(
        repository.bare(), repository.seed(), repository.service(), tag, scope.environments);
    if (timed) {
      into.shellWall.add(run.wall());
      into.shellCpu.add(run.cpu());
    }
    BenchmarkConsole.progress(
        out,
        repository.services(),
        String.format(
            Locale.ROOT,
            "%s shell, %s: %s wall, %s CPU",
            timed ? "round " + (round - options.warmupRounds() + 1) : "warm-up",
            scope.describe(),
            BenchmarkReport.format(run.wall()),
            BenchmarkReport.format(run.cpu())));
  }

  private String table(BumpRepository repository, List<Results> results) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| services | overlays bumped | history | treum | of which policy engine, CPU"
            + " | treum, warm-up round (the JVM's first bump in the first row) | shell path | treum ÷ shell |\n");
    table.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (Scope scope : Scope.values()) {
      Results r = results.get(scope.ordinal());
      Results s = results.get(shellScope(scope).ordinal());
      Timing treum = Timing.of(r.treumWall, r.treumCpu);
      Duration engine = new Samples(r.engineCpu).median();
      Optional<Timing> shellTiming =
          s.shellWall.isEmpty()
              ? Optional.empty()
              : Optional.of(Timing.of(s.shellWall, s.shellCpu));
      table
          .append("| ")
          .append(repository.services())
          .append(" | ")
          .append(scope.describe())
          .append(" | ")
          .append(repository.commits())
          .append(" commits | ")
          .append(BenchmarkReport.cell(treum))
          .append(" | ")
          .append(BenchmarkReport.format(engine))
          .append(
              treum.cpu() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      " (%.0f%%)",
                      100.0 * engine.toNanos() / treum.cpu().median().toNanos()))
          .append(" | ")
          .append(BenchmarkReport.format(r.coldWall))
          .append(r.coldCpu == null ? "" : " / " + BenchmarkReport.format(r.coldCpu))
          .append(" | ")
          .append(shellTiming.map(BenchmarkReport::cell).orElse("not run (" + shellMissing + ")"))
          .append(" | ")
          .append(shellTiming.map(timing -> BenchmarkReport.ratios(treum, timing)).orElse("—"))
          .append(" |\n");
    }
    table.append(
        "\n(medians of "
            + options.rounds()
            + " rounds after "
            + options.warmupRounds()
            + " warm-up; wall-clock / CPU: the JVM's process CPU for treum, user + system of bash's"
            + " children for the shell path)\n");
    return table.toString();
  }

  /** The scope whose shell runs a scope is compared with: the one bumping the same overlays. */
  private static Scope shellScope(Scope scope) {
    return scope.evaluates ? scope : Scope.ALL;
  }

  private String verdict(Scope scope, Results r, Results s) {
    String what = "treum no slower than the shell path, " + scope.describe();
    if (s.shellWall.isEmpty()) {
      return what + ": NOT JUDGED (" + shellMissing + ")";
    }
    Timing treum = Timing.of(r.treumWall, r.treumCpu);
    Timing shellTiming = Timing.of(s.shellWall, s.shellCpu);
    boolean met = treum.cpuOrWall().compareTo(shellTiming.cpuOrWall()) <= 0;
    return what
        + ": "
        + (met ? "MET" : "MISSED")
        + " in CPU time (treum ÷ shell "
        + BenchmarkReport.ratios(treum, shellTiming)
        + ", wall / CPU)";
  }

  private static String gitVersion() {
    try {
      Process process = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes()).strip();
      process.waitFor();
      return version;
    } catch (Exception e) {
      return "git (version unknown: " + e.getMessage() + ")";
    }
  }

  /** The type of the file system {@code folder} is on, e.g. tmpfs or ext4. */
  private static String fileStore(Path folder) {
    try {
      Files.createDirectories(folder);
      return Files.getFileStore(folder).type();
    } catch (IOException e) {
      return "unknown file system: " + e.getMessage();
    }
  }
}
