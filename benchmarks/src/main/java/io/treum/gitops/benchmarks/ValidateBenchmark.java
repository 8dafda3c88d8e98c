package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.policy.EnvironmentDocument;
import io.treum.gitops.policy.EnvironmentProfile;
import io.treum.gitops.policy.Finding;
import io.treum.gitops.policy.GateReport;
import io.treum.gitops.policy.PolicyEngines;
import io.treum.gitops.policy.PolicySet;
import io.treum.gitops.policy.ReportFormat;
import io.treum.gitops.policy.Severity;
import io.treum.gitops.policy.ValidateCommand;
import io.treum.gitops.policy.ValidateRequest;
import io.treum.gitops.policy.ValidationRun;
import io.treum.gitops.policy.WasmPolicyEngine;
import io.treum.gitops.render.ObjectSetDiff;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times treum's validate against {@code kustomize build | conftest test} on generated platforms of
 * growing size (issue 4, "Speed"), checks that both find the same, times the in-process engine
 * alone, and prints a Markdown table and the verdict on each target.
 *
 * <p>Run it through the {@code benchmark} profile with {@code -Dbenchmark.suite=validate} (see
 * README, "Validate benchmark"). The exit code is 1 when a result is wrong or a run fails, 2 on bad
 * arguments; missed speed targets are reported, not failed.
 */
public final class ValidateBenchmark {
  /** The validation time of every run, so that every run evaluates the same. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

  private static final int PROBLEMS_SHOWN = 5;

  private final ValidateOptions options;
  private final ManifestYaml yaml;
  private final Optional<KustomizeBinary> kustomize;
  private final Optional<Path> conftest;
  private final PolicyEngines engines;
  private final PrintStream out;

  public ValidateBenchmark(
      ValidateOptions options,
      ManifestYaml yaml,
      Optional<KustomizeBinary> kustomize,
      Optional<Path> conftest,
      PolicyEngines engines,
      PrintStream out) {
    this.options = options;
    this.yaml = yaml;
    this.kustomize = kustomize;
    this.conftest = conftest;
    this.engines = engines;
    this.out = out;
  }

  public static void main(String[] args) {
    ValidateOptions options;
    try {
      options = ValidateOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path home = Path.of(System.getProperty("user.home"));
    List<ValidateSizeResult> results =
        new ValidateBenchmark(
                options,
                new ManifestYaml(),
                KustomizeBinary.locate(System.getenv(), home),
                ConftestPipeline.locateConftest(System.getenv(), home),
                new PolicyEngines(ValidateBenchmark.class.getClassLoader()),
                System.out)
            .run();
    System.exit(results.stream().allMatch(result -> result.problems().isEmpty()) ? 0 : 1);
  }

  /** Runs every size in order, printing progress, then the table and the targets. */
  public List<ValidateSizeResult> run() {
    printEnvironment();
    List<ValidateSizeResult> results = new ArrayList<>();
    for (int services : options.sizes()) {
      results.add(measure(services));
    }
    out.println();
    out.print(ValidateReport.table(results));
    out.println();
    for (String line : ValidateReport.targets(results)) {
      out.println("- " + line);
    }
    for (ValidateSizeResult result : results) {
      for (String problem : result.problems()) {
        out.println("WRONG at " + result.services() + " services: " + problem);
      }
    }
    out.flush();
    return results;
  }

  private void printEnvironment() {
    out.println("treum validate benchmark");
    BenchmarkConsole.printMachine(out);
    if (kustomize.isPresent() && conftest.isPresent()) {
      out.printf(
          "kustomize %s at %s; %s at %s; rego %s; run up to %d services%n",
          kustomize.get().version(),
          kustomize.get().path(),
          pipeline().conftestVersion(),
          conftest.get(),
          options.rego().toAbsolutePath().normalize(),
          options.conftestMaxServices());
    } else {
      out.println(
          "kustomize or conftest not found (TREUM_KUSTOMIZE, TREUM_CONFTEST, TREUM_TOOLS_BIN,"
              + " ~/.cache/treum-tools/bin, PATH): timing treum only");
    }
    out.printf(
        "sizes %s; treum: up to %d warm-up and %d timed rounds (timed rounds stop after %d s per"
            + " size); kustomize + conftest: %d round(s)%n",
        options.sizes(),
        options.warmupRounds(),
        options.rounds(),
        options.timeBudget().toSeconds(),
        options.conftestRounds());
    out.flush();
  }

  private ConftestPipeline pipeline() {
    return new ConftestPipeline(
        kustomize.orElseThrow().path(), conftest.orElseThrow(), options.rego());
  }

  private ValidateSizeResult measure(int services) {
    Path folder = options.workDir().resolve("services-" + services).toAbsolutePath();
    long start = System.nanoTime();
    PlatformTree tree = PlatformTree.write(folder.resolve("platform"), services, yaml);
    Platform platform = Platform.build(tree, yaml);
    progress(
        services,
        "platform written and built in "
            + BenchmarkReport.format(Duration.ofNanos(System.nanoTime() - start))
            + " to "
            + tree.root()
            + "; documents "
            + platform.documents().values().stream().mapToInt(String::length).sum() / 1024
            + " KiB");
    List<String> problems = new ArrayList<>();

    EngineTiming engine = timeEngine(services, platform, tree.objects(), problems);
    progress(
        services,
        "engine: evaluation CPU "
            + BenchmarkReport.format(engine.evaluationCpu().median())
            + ", on 2 cores "
            + BenchmarkReport.format(engine.twoCores().median())
            + ", wall "
            + BenchmarkReport.format(engine.wall().median())
            + " → "
            + ValidateReport.rate(engine.twoCoreRate())
            + " objects/s on 2 cores, "
            + ValidateReport.rate(engine.perCoreRate())
            + " per core");

    ValidateCommand command =
        new ValidateCommand(yaml, MergeSchema.builtIn(), CLOCK, engines::select);
    ValidateRequest request =
        new ValidateRequest(
            tree.root(),
            Set.of(),
            List.of(),
            null,
            EnumSet.allOf(ReportFormat.class),
            folder.resolve("reports"),
            null,
            false);
    ValidationRun last = null;
    for (int round = 0; round < options.warmupRounds(); round++) {
      last = command.validate(request);
    }
    List<Duration> wall = new ArrayList<>();
    List<Duration> cpu = new ArrayList<>();
    Duration timed = Duration.ZERO;
    while (wall.size() < options.rounds() && timed.compareTo(options.timeBudget()) < 0) {
      System.gc(); // each round starts from a collected heap, so rounds see the same GC work
      Stopwatch stopwatch = new Stopwatch();
      last = command.validate(request);
      wall.add(stopwatch.wall());
      cpu.add(stopwatch.cpu());
      timed = timed.plus(wall.get(wall.size() - 1));
    }
    Timing validate = Timing.of(wall, cpu);
    problems.addAll(check(last, tree));
    progress(
        services,
        wall.size()
            + " timed rounds; treum validate (wall / CPU) median "
            + BenchmarkReport.cell(validate)
            + ", wall min "
            + BenchmarkReport.format(validate.wall().min())
            + " max "
            + BenchmarkReport.format(validate.wall().max())
            + "; "
            + last.result().findings().size()
            + " findings");

    boolean runsConftest =
        kustomize.isPresent()
            && conftest.isPresent()
            && (services <= options.maxServices(ConftestPipeline.Mode.CROSS_RULES_ONCE)
                || services <= options.maxServices(ConftestPipeline.Mode.ALL_NAMESPACES));
    if (runsConftest) {
      problems.addAll(compareBuilds(services, tree, platform));
      ConftestData.write(folder.resolve("conftest-data"), platform.documents());
    }
    ValidateSizeResult.PipelineTiming crossRulesOnce =
        timePipelines(ConftestPipeline.Mode.CROSS_RULES_ONCE, services, tree, last, problems);
    ValidateSizeResult.PipelineTiming allNamespaces =
        timePipelines(ConftestPipeline.Mode.ALL_NAMESPACES, services, tree, last, problems);
    progress(
        services,
        problems.isEmpty()
            ? "results "
                + (crossRulesOnce.compared() || allNamespaces.compared()
                    ? "equal conftest's"
                    : "pass the self-check")
            : problems.size() + " problems");
    return new ValidateSizeResult(
        services, tree.objects(), validate, crossRulesOnce, allNamespaces, engine, problems);
  }

  /**
   * Times one way of running kustomize and conftest on the data files in {@code conftest-data}, and
   * compares the findings of its first run with treum's.
   */
  private ValidateSizeResult.PipelineTiming timePipelines(
      ConftestPipeline.Mode mode,
      int services,
      PlatformTree tree,
      ValidationRun treum,
      List<String> problems) {
    if (kustomize.isEmpty() || conftest.isEmpty()) {
      return new ValidateSizeResult.PipelineTiming(null, "not installed", false);
    }
    if (services > options.maxServices(mode)) {
      return new ValidateSizeResult.PipelineTiming(
          null, "skipped (> " + options.maxServices(mode) + " services)", false);
    }
    Path folder = tree.root().getParent();
    Path data = folder.resolve("conftest-data");
    String name =
        mode == ConftestPipeline.Mode.ALL_NAMESPACES ? "--all-namespaces" : "cross rules once";
    List<Duration> wall = new ArrayList<>();
    List<Duration> cpu = new ArrayList<>();
    String note = "";
    boolean compared = false;
    for (int round = 0; round < options.conftestRounds(); round++) {
      ConftestPipeline.Run run =
          pipeline()
              .run(
                  mode,
                  tree.root(),
                  PlatformTree.ENVIRONMENTS,
                  data,
                  folder.resolve("conftest-output-" + mode.name().toLowerCase(Locale.ROOT)),
                  options.conftestTimeout());
      if (run.timedOut()) {
        note = "timed out after " + BenchmarkReport.format(run.elapsed());
        break;
      }
      if (!run.succeeded()) {
        problems.addAll(run.problems());
        note = "failed";
        break;
      }
      wall.add(run.elapsed());
      cpu.add(run.cpu());
      progress(
          services,
          "kustomize + conftest "
              + name
              + ", 3 environments: "
              + BenchmarkReport.format(run.elapsed())
              + (run.cpu() == null ? "" : " / CPU " + BenchmarkReport.format(run.cpu())));
      if (round == 0) {
        List<String> differences = compareFindings(treum, run);
        problems.addAll(differences);
        compared = true;
        progress(
            services,
            "conftest "
                + name
                + ": "
                + (differences.isEmpty()
                    ? "the same findings as treum"
                    : differences.size() + " differences"));
      }
    }
    return new ValidateSizeResult.PipelineTiming(
        wall.isEmpty() ? null : Timing.of(wall, cpu), note, compared);
  }

  /**
   * The engine alone on documents built beforehand: every environment on its own thread, as
   * ValidateCommand evaluates them. The first round is timed on its own (cold in the first size);
   * warm-up rounds follow until the engine has run for {@code engineWarmup}, so that the timed
   * rounds measure the throughput the JIT settles on.
   */
  private EngineTiming timeEngine(
      int services, Platform platform, int objects, List<String> problems) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<String> environments = List.copyOf(platform.documents().keySet());
    ExecutorService pool = Executors.newFixedThreadPool(environments.size());
    try (WasmPolicyEngine engine =
        new WasmPolicyEngine(PolicySet.bundled(getClass().getClassLoader()).modules())) {
      Stopwatch warmup = new Stopwatch();
      Duration firstRound =
          EngineTiming.onTwoCores(
              evaluateAll(engine, platform, pool, threads).stream().map(Evaluated::cpu).toList());
      int warmupRounds = 1;
      while (warmupRounds < options.warmupRounds()
          || warmup.wall().compareTo(options.engineWarmup()) < 0) {
        evaluateAll(engine, platform, pool, threads);
        warmupRounds++;
      }
      progress(
          services,
          "engine: first round "
              + BenchmarkReport.format(firstRound)
              + " on 2 cores, then "
              + warmupRounds
              + " warm-up rounds in "
              + BenchmarkReport.format(warmup.wall()));
      List<Duration> wall = new ArrayList<>();
      List<Duration> cpu = new ArrayList<>();
      List<Duration> evaluationCpu = new ArrayList<>();
      List<Duration> twoCores = new ArrayList<>();
      Duration timed = Duration.ZERO;
      while (wall.size() < options.rounds() && timed.compareTo(options.timeBudget()) < 0) {
        System.gc();
        Stopwatch stopwatch = new Stopwatch();
        List<Evaluated> evaluated = evaluateAll(engine, platform, pool, threads);
        wall.add(stopwatch.wall());
        cpu.add(stopwatch.cpu());
        List<Duration> threadCpu = evaluated.stream().map(Evaluated::cpu).toList();
        evaluationCpu.add(threadCpu.stream().reduce(Duration.ZERO, Duration::plus));
        twoCores.add(EngineTiming.onTwoCores(threadCpu));
        timed = timed.plus(wall.get(wall.size() - 1));
        int evaluatedObjects = evaluated.stream().mapToInt(e -> e.report().objects()).sum();
        if (evaluatedObjects != objects) {
          problems.add(
              "the engine evaluated " + evaluatedObjects + " objects, the platform has " + objects);
        }
      }
      return new EngineTiming(
          objects,
          new Samples(wall),
          new Samples(cpu),
          new Samples(evaluationCpu),
          new Samples(twoCores),
          firstRound);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One environment's report and the CPU time its thread spent on it. */
  private record Evaluated(GateReport report, Duration cpu) {}

  private static List<Evaluated> evaluateAll(
      WasmPolicyEngine engine, Platform platform, ExecutorService pool, ThreadMXBean threads) {
    List<Future<Evaluated>> running = new ArrayList<>();
    platform
        .documents()
        .forEach(
            (environment, document) ->
                running.add(
                    pool.submit(
                        () -> {
                          long start = threads.getCurrentThreadCpuTime();
                          GateReport report = engine.evaluate(environment, document);
                          return new Evaluated(
                              report, Duration.ofNanos(threads.getCurrentThreadCpuTime() - start));
                        })));
    List<Evaluated> evaluated = new ArrayList<>();
    for (Future<Evaluated> future : running) {
      try {
        evaluated.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while evaluating", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
      }
    }
    return evaluated;
  }

  /** What every run on the platform must give: it passes, without errors, on every object. */
  private static List<String> check(ValidationRun run, PlatformTree tree) {
    List<String> problems = new ArrayList<>();
    if (run.result().objectsEvaluated() != tree.objects()) {
      problems.add(
          "validate evaluated "
              + run.result().objectsEvaluated()
              + " objects, the platform has "
              + tree.objects());
    }
    if (!run.passes() || run.result().count(Severity.ERROR) > 0) {
      problems.add("the platform does not pass: " + run.result().summary());
    }
    return problems;
  }

  /** Differences between kustomize's output and treum's build of each environment. */
  private List<String> compareBuilds(int services, PlatformTree tree, Platform platform) {
    List<String> problems = new ArrayList<>();
    for (String environment : PlatformTree.ENVIRONMENTS) {
      KustomizeBinary.Run run =
          kustomize.get().build(tree.overlay(environment), options.conftestTimeout());
      if (!run.succeeded()) {
        problems.add("kustomize build overlays/" + environment + " failed: " + run.error().strip());
        continue;
      }
      List<JsonNode> expected = yaml.readAll(run.output(), "kustomize build " + environment);
      List<String> differences =
          ObjectSetDiff.compare(expected, platform.objects().get(environment), yaml);
      differences.stream()
          .limit(PROBLEMS_SHOWN)
          .forEach(difference -> problems.add(environment + ": " + difference));
      progress(
          services,
          "kustomize build overlays/"
              + environment
              + " (untimed check) "
              + (differences.isEmpty() ? "= treum's build" : differences.size() + " differences"));
    }
    return problems;
  }

  private static List<String> compareFindings(ValidationRun treum, ConftestPipeline.Run conftest) {
    List<String> problems = new ArrayList<>();
    Map<String, List<Finding>> byEnvironment = treum.result().findingsByEnvironment();
    for (String environment : PlatformTree.ENVIRONMENTS) {
      FindingCounts.differences(
              FindingCounts.ofTreum(byEnvironment.getOrDefault(environment, List.of())),
              FindingCounts.ofConftest(conftest.outputs().get(environment)),
              PROBLEMS_SHOWN)
          .forEach(difference -> problems.add(environment + ": " + difference));
    }
    return problems;
  }

  private void progress(int services, String message) {
    BenchmarkConsole.progress(out, services, message);
  }

  /**
   * A platform built with treum's builder: each environment's objects and the document the engine
   * evaluates, built as ValidateCommand builds them.
   */
  record Platform(Map<String, List<ObjectNode>> objects, Map<String, String> documents) {
    static Platform build(PlatformTree tree, ManifestYaml yaml) {
      KustomizeBuilder builder = new KustomizeBuilder(yaml, MergeSchema.builtIn());
      Map<String, EnvironmentProfile> profiles = new LinkedHashMap<>();
      Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();
      List<ObjectNode> summaries = new ArrayList<>();
      for (String environment : PlatformTree.ENVIRONMENTS) {
        Path overlay = tree.overlay(environment);
        EnvironmentProfile profile =
            EnvironmentProfile.read(
                yaml, overlay, "overlays/" + environment + "/" + EnvironmentProfile.FILE_NAME);
        List<ObjectNode> built = builder.build(overlay);
        profiles.put(environment, profile);
        objects.put(environment, built);
        summaries.add(EnvironmentDocument.summary(profile, built));
      }
      Map<String, String> documents = new LinkedHashMap<>();
      profiles.forEach(
          (environment, profile) ->
              documents.put(
                  environment,
                  EnvironmentDocument.json(
                      profile, objects.get(environment), summaries, CLOCK.instant())));
      return new Platform(objects, documents);
    }
  }
}
