package io.treum.gitops.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does, from {@code --name=value} arguments (the {@code benchmark} profile
 * passes them from {@code -Dbenchmark.*} properties).
 *
 * @param sizes the numbers of services to generate trees for, in run order
 * @param kustomizeMaxServices the largest size kustomize is run for (it is superlinear: minutes per
 *     overlay at 1000 services); 0 never runs it
 * @param warmupRounds unmeasured builds of every overlay before treum is timed, per size
 * @param rounds timed builds of every overlay, per size, unless the time budget runs out first
 * @param timeBudget after a timed round, no further round starts once this much time has been timed
 *     for a size (slow builds of large trees give steady numbers with fewer rounds); warm-up stops
 *     likewise after one round that took longer than a tenth of it
 * @param kustomizeRounds timed {@code kustomize build} runs of every overlay, per size
 * @param kustomizeTimeout when one {@code kustomize build} is given up
 * @param workDir where the trees are written (one folder per size, replaced on each run)
 */
public record BenchmarkOptions(
    List<Integer> sizes,
    int kustomizeMaxServices,
    int warmupRounds,
    int rounds,
    Duration timeBudget,
    int kustomizeRounds,
    Duration kustomizeTimeout,
    Path workDir) {

  static final String USAGE =
      "usage: KustomizeBenchmark [--sizes=10,100,500,1000] [--kustomize-max-services=500]"
          + " [--warmup-rounds=2] [--rounds=5] [--time-budget-seconds=300]"
          + " [--kustomize-rounds=1]"
          + " [--kustomize-timeout-seconds=1800] [--work-dir=target/benchmark-trees]";

  public BenchmarkOptions {
    sizes = List.copyOf(sizes);
    if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1)) {
      throw new IllegalArgumentException("sizes must be positive numbers of services: " + sizes);
    }
    if (kustomizeMaxServices < 0 || warmupRounds < 0 || rounds < 1 || kustomizeRounds < 1) {
      throw new IllegalArgumentException(
          "kustomize-max-services and warmup-rounds must be ≥ 0, rounds and kustomize-rounds ≥ 1");
    }
    if (kustomizeTimeout.isNegative()
        || kustomizeTimeout.isZero()
        || timeBudget.isNegative()
        || timeBudget.isZero()) {
      throw new IllegalArgumentException(
          "kustomize-timeout-seconds and time-budget-seconds must be positive");
    }
  }

  /** The defaults: issue 3's sizes, kustomize up to 500 services. */
  public static BenchmarkOptions defaults() {
    return new BenchmarkOptions(
        List.of(10, 100, 500, 1000),
        500,
        2,
        5,
        Duration.ofSeconds(300),
        1,
        Duration.ofSeconds(1800),
        Path.of("target", "benchmark-trees"));
  }

  /**
   * Reads {@code --name=value} arguments over the defaults.
   *
   * @throws IllegalArgumentException naming the argument at fault, with the usage
   */
  public static BenchmarkOptions parse(String... args) {
    BenchmarkOptions options = defaults();
    List<Integer> sizes = options.sizes;
    int kustomizeMaxServices = options.kustomizeMaxServices;
    int warmupRounds = options.warmupRounds;
    int rounds = options.rounds;
    Duration timeBudget = options.timeBudget;
    int kustomizeRounds = options.kustomizeRounds;
    Duration kustomizeTimeout = options.kustomizeTimeout;
    Path workDir = options.workDir;
    for (Map.Entry<String, String> argument : OptionArguments.parse(args, USAGE).entrySet()) {
      String name = argument.getKey();
      String value = argument.getValue();
      switch (name) {
        case "sizes" -> sizes = OptionArguments.sizes(value, USAGE);
        case "kustomize-max-services" ->
            kustomizeMaxServices = OptionArguments.number(name, value, USAGE);
        case "warmup-rounds" -> warmupRounds = OptionArguments.number(name, value, USAGE);
        case "rounds" -> rounds = OptionArguments.number(name, value, USAGE);
        case "time-budget-seconds" ->
            timeBudget = Duration.ofSeconds(OptionArguments.number(name, value, USAGE));
        case "kustomize-rounds" -> kustomizeRounds = OptionArguments.number(name, value, USAGE);
        case "kustomize-timeout-seconds" ->
            kustomizeTimeout = Duration.ofSeconds(OptionArguments.number(name, value, USAGE));
        case "work-dir" -> workDir = Path.of(value);
        default -> throw OptionArguments.unknown(name, USAGE);
      }
    }
    return new BenchmarkOptions(
        sizes,
        kustomizeMaxServices,
        warmupRounds,
        rounds,
        timeBudget,
        kustomizeRounds,
        kustomizeTimeout,
        workDir);
  }

  /** Whether kustomize is run for a tree of this many services. */
  public boolean runsKustomize(int services) {
    return services <= kustomizeMaxServices;
  }
}
