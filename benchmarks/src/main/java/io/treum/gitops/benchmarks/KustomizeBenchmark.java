package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.HydrateCommand;
import io.treum.gitops.kustomize.HydrateRequest;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.render.ObjectSetDiff;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Times treum's Java Kustomize build against {@code kustomize build} on generated trees of growing
 * size (issue 3, "Speed"), checks that both give the same objects, and prints a Markdown table and
 * the verdict on each target. A plain harness rather than JMH: one kustomize run takes seconds to
 * minutes, so what matters is wall-clock time of whole builds in a warmed-up JVM, not
 * nanosecond-level statistics.
 *
 * <p>Run it through the {@code benchmark} profile (see README, "Benchmarks"), which forks a JVM
 * with {@code -Xmx512m} for the whole harness. The exit code is 1 when treum's output is wrong or
 * kustomize fails, 2 on bad arguments; missed speed targets are reported, not failed.
 */
public final class KustomizeBenchmark {
  private static final int PROBLEMS_SHOWN = 5;

  private final BenchmarkOptions options;
  private final ManifestYaml yaml;
  private final Optional<KustomizeBinary> kustomize;
  private final PrintStream out;

  public KustomizeBenchmark(
      BenchmarkOptions options,
      ManifestYaml yaml,
      Optional<KustomizeBinary> kustomize,
      PrintStream out) {
    this.options = options;
    this.yaml = yaml;
    this.kustomize = kustomize;
    this.out = out;
  }

  public static void main(String[] args) {
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Optional<KustomizeBinary> kustomize =
        KustomizeBinary.locate(System.getenv(), Path.of(System.getProperty("user.home")));
    List<SizeResult> results =
        new KustomizeBenchmark(options, new ManifestYaml(), kustomize, System.out).run();
    System.exit(results.stream().allMatch(result -> result.problems().isEmpty()) ? 0 : 1);
  }

  /** Runs every size in order, printing progress, then the table and the targets. */
  public List<SizeResult> run() {
    printEnvironment();
    List<SizeResult> results = new ArrayList<>();
    for (int services : options.sizes()) {
      results.add(measure(services));
    }
    out.println();
    out.print(BenchmarkReport.table(results));
    out.println();
    for (String line : BenchmarkReport.targets(results, Runtime.getRuntime().maxMemory())) {
      out.println("- " + line);
    }
    for (SizeResult result : results) {
      for (String problem : result.problems()) {
        out.println("WRONG at " + result.services() + " services: " + problem);
      }
    }
    out.flush();
    return results;
  }

  private void printEnvironment() {
    out.println("treum Kustomize benchmark");
    BenchmarkConsole.printMachine(out);
    if (kustomize.isPresent()) {
      out.printf(
          "kustomize %s at %s, run up to %d services%n",
          kustomize.get().version(), kustomize.get().path(), options.kustomizeMaxServices());
    } else {
      out.println(
          "kustomize not found (TREUM_KUSTOMIZE, TREUM_TOOLS_BIN, ~/.cache/treum-tools/bin, PATH):"
              + " timing treum only, outputs checked against the tree's own expectations");
    }
    out.printf(
        "sizes %s; treum: up to %d warm-up and %d timed rounds of every overlay (timed rounds"
            + " stop after %d s per size); kustomize: %d round(s)%n",
        options.sizes(),
        options.warmupRounds(),
        options.rounds(),
        options.timeBudget().toSeconds(),
        options.kustomizeRounds());
    out.flush();
  }

  private SizeResult measure(int services) {
    long start = System.nanoTime();
    BenchmarkTree tree =
        BenchmarkTree.write(
            options.workDir().resolve("services-" + services).toAbsolutePath(), services, yaml);
    progress(services, "tree written in " + since(start) + " to " + tree.root());

    KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());
    HydrateCommand hydrate = new HydrateCommand(yaml, MergeSchema.builtIn());
    int warmups = warmUp(tree, builder, hydrate);
    List<Duration> buildWall = new ArrayList<>();
    List<Duration> buildCpu = new ArrayList<>();
    List<Duration> hydrateWall = new ArrayList<>();
    List<Duration> hydrateCpu = new ArrayList<>();
    Duration timed = Duration.ZERO;
    int rounds = 0;
    while (rounds < options.rounds() && timed.compareTo(options.timeBudget()) < 0) {
      rounds++;
      System.gc(); // each round starts from a collected heap, so rounds see the same GC work
      for (String overlay : BenchmarkTree.OVERLAYS) {
        Stopwatch build = new Stopwatch();
        List<ObjectNode> built = builder.build(tree.overlay(overlay));
        buildWall.add(build.wall());
        buildCpu.add(build.cpu());
        Reference.reachabilityFence(built);
        Stopwatch hydrated = new Stopwatch();
        Map<String, String> streams =
            hydrate.hydrate(new HydrateRequest(tree.root(), Set.of(overlay), null));
        Duration hydrateTime = hydrated.wall();
        hydrateWall.add(hydrateTime);
        hydrateCpu.add(hydrated.cpu());
        Reference.reachabilityFence(streams);
        timed = timed.plus(buildWall.get(buildWall.size() - 1)).plus(hydrateTime);
      }
    }
    Timing treumBuild = Timing.of(buildWall, buildCpu);
    Timing treumHydrate = Timing.of(hydrateWall, hydrateCpu);
    progress(
        services,
        warmups
            + " warm-up and "
            + rounds
            + " timed rounds; treum build (wall / CPU) median "
            + BenchmarkReport.cell(treumBuild)
            + ", wall min "
            + BenchmarkReport.format(treumBuild.wall().min())
            + " max "
            + BenchmarkReport.format(treumBuild.wall().max())
            + "; build + YAML median "
            + BenchmarkReport.cell(treumHydrate));

    List<String> problems = new ArrayList<>();
    List<Duration> kustomizeWall = new ArrayList<>();
    List<Duration> kustomizeCpu = new ArrayList<>();
    String kustomizeNote = "";
    boolean againstKustomize = kustomize.isPresent() && options.runsKustomize(services);
    if (kustomize.isEmpty()) {
      kustomizeNote = "not installed";
    } else if (!options.runsKustomize(services)) {
      kustomizeNote = "skipped (> " + options.kustomizeMaxServices() + " services)";
    }
    for (String overlay : BenchmarkTree.OVERLAYS) {
      List<ObjectNode> built = builder.build(tree.overlay(overlay));
      if (!againstKustomize) {
        problems.addAll(tree.check(overlay, built));
        continue;
      }
      for (int round = 0; round < options.kustomizeRounds(); round++) {
        KustomizeBinary.Run run =
            kustomize.get().build(tree.overlay(overlay), options.kustomizeTimeout());
        if (run.timedOut()) {
          kustomizeNote = "(timed out after " + BenchmarkReport.format(run.elapsed()) + ")";
          progress(services, "kustomize build overlays/" + overlay + " " + kustomizeNote);
          problems.addAll(tree.check(overlay, built));
          break;
        }
        if (!run.succeeded()) {
          problems.add("kustomize build overlays/" + overlay + " failed: " + run.error().trim());
          break;
        }
        kustomizeWall.add(run.elapsed());
        kustomizeCpu.add(run.cpu());
        progress(
            services,
            "kustomize build overlays/"
                + overlay
                + " "
                + BenchmarkReport.format(run.elapsed())
                + (run.cpu() == null ? "" : " / CPU " + BenchmarkReport.format(run.cpu())));
        if (round == 0) {
          problems.addAll(compare(overlay, run.output(), built));
        }
      }
    }
    Timing kustomizeTiming =
        kustomizeWall.isEmpty() ? null : Timing.of(kustomizeWall, kustomizeCpu);
    if (kustomizeTiming == null && kustomizeNote.isEmpty()) {
      kustomizeNote = "failed";
    }

    Timing hydrateAll = null;
    long held = 0;
    try {
      long before = usedHeapAfterGc();
      Stopwatch all = new Stopwatch();
      Map<String, String> streams =
          hydrate.hydrate(new HydrateRequest(tree.root(), Set.of(), null));
      hydrateAll = Timing.of(List.of(all.wall()), List.of(all.cpu()));
      held = usedHeapAfterGc() - before;
      Reference.reachabilityFence(streams);
    } catch (OutOfMemoryError e) {
      problems.add("hydrating the three overlays ran out of memory: " + e.getMessage());
    }
    progress(
        services,
        problems.isEmpty()
            ? "output "
                + (againstKustomize ? "equals kustomize's" : "passes the self-check")
                + "; hydrate of 3 overlays "
                + (hydrateAll == null ? "failed" : BenchmarkReport.cell(hydrateAll))
            : problems.size() + " problems");
    return new SizeResult(
        services,
        tree.objectsPerOverlay(),
        treumBuild,
        treumHydrate,
        kustomizeTiming,
        kustomizeNote,
        againstKustomize,
        problems,
        hydrateAll,
        held);
  }

  /**
   * Unmeasured rounds, so that the timed ones run JIT-compiled code. A round longer than a tenth of
   * the time budget has run long enough for the JIT; more would only cost time.
   *
   * @return the rounds run
   */
  private int warmUp(BenchmarkTree tree, KustomizeBuilder builder, HydrateCommand hydrate) {
    Duration longRound = options.timeBudget().dividedBy(10);
    int warmups = 0;
    while (warmups < options.warmupRounds()) {
      long start = System.nanoTime();
      for (String overlay : BenchmarkTree.OVERLAYS) {
        builder.build(tree.overlay(overlay));
        hydrate.hydrate(new HydrateRequest(tree.root(), Set.of(overlay), null));
      }
      warmups++;
      if (Duration.ofNanos(System.nanoTime() - start).compareTo(longRound) > 0) {
        break;
      }
    }
    return warmups;
  }

  /** Differences between kustomize's output and treum's objects, the first few of them. */
  private List<String> compare(String overlay, String kustomizeOutput, List<ObjectNode> built) {
    List<JsonNode> expected = yaml.readAll(kustomizeOutput, "kustomize build " + overlay);
    List<String> differences = ObjectSetDiff.compare(expected, built, yaml);
    List<String> problems = new ArrayList<>();
    differences.stream()
        .limit(PROBLEMS_SHOWN)
        .forEach(difference -> problems.add(overlay + ": " + difference));
    if (differences.size() > PROBLEMS_SHOWN) {
      problems.add(overlay + ": … " + (differences.size() - PROBLEMS_SHOWN) + " more differences");
    }
    return problems;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private void progress(int services, String message) {
    BenchmarkConsole.progress(out, services, message);
  }

  private static String since(long start) {
    return BenchmarkReport.format(Duration.ofNanos(System.nanoTime() - start));
  }
}
