package io.treum.gitops.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one run of the validate benchmark does, from {@code --name=value} arguments (the {@code
 * benchmark} profile passes them from {@code -Dbenchmark.*} properties).
 *
 * @param sizes the numbers of services to generate platforms for, in run order
 * @param warmupRounds unmeasured runs before treum is timed, per size
 * @param rounds timed runs of treum's validate and of the engine, per size, unless the time budget
 *     runs out first
 * @param timeBudget no further timed round starts once this much time has been timed for a size
 * @param engineWarmup how long the engine alone keeps evaluating, per size, before it is timed (at
 *     least {@code warmupRounds} rounds): the JIT takes several seconds to settle on the policy's
 *     generated classes, and the engine's target is its throughput once it has
 * @param conftestMaxServices the largest size {@code kustomize build | conftest test} is run for,
 *     the cross-resource rules once per environment; 0 never runs it
 * @param allNamespacesMaxServices the largest size {@code kustomize build | conftest test
 *     --all-namespaces} is run for (it grows with the square of the objects: about 10 CPU-minutes
 *     at 100 services); 0 never runs it
 * @param conftestRounds timed runs of the kustomize and conftest pipelines, per size
 * @param conftestTimeout when one run of the pipelines is given up
 * @param rego TREUM's Rego sources, the policy conftest evaluates
 * @param workDir where the platforms, reports and conftest's data files are written (one folder per
 *     size, replaced on each run)
 */
public record ValidateOptions(
    List<Integer> sizes,
    int warmupRounds,
    int rounds,
    Duration timeBudget,
    Duration engineWarmup,
    int conftestMaxServices,
    int allNamespacesMaxServices,
    int conftestRounds,
    Duration conftestTimeout,
    Path rego,
    Path workDir) {

  static final String USAGE =
      "usage: ValidateBenchmark [--sizes=100,500,1000] [--warmup-rounds=2] [--rounds=2]"
          + " [--time-budget-seconds=300] [--engine-warmup-seconds=20]"
          + " [--conftest-max-services=1000]"
          + " [--all-namespaces-max-services=100] [--conftest-rounds=1]"
          + " [--conftest-timeout-seconds=3600] [--rego=policies/src/main/rego]"
          + " [--work-dir=target/validate-benchmark]";

  public ValidateOptions {
    sizes = List.copyOf(sizes);
    if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1)) {
      throw new IllegalArgumentException("sizes must be positive numbers of services: " + sizes);
    }
    if (warmupRounds < 0
        || conftestMaxServices < 0
        || allNamespacesMaxServices < 0
        || rounds < 1
        || conftestRounds < 1) {
      throw new IllegalArgumentException(
          "warmup-rounds and the max-services options must be ≥ 0, rounds and conftest-rounds ≥ 1");
    }
    if (timeBudget.isNegative()
        || timeBudget.isZero()
        || conftestTimeout.isNegative()
        || conftestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "time-budget-seconds and conftest-timeout-seconds must be positive");
    }
  }

  /**
   * The defaults: issue 4's sizes, conftest with the cross-resource rules once at every size, with
   * {@code --all-namespaces} up to 100 services.
   */
  public static ValidateOptions defaults() {
    return new ValidateOptions(
        List.of(100, 500, 1000),
        2,
        2,
        Duration.ofSeconds(300),
        Duration.ofSeconds(20),
        1000,
        100,
        1,
        Duration.ofSeconds(3600),
        Path.of("policies", "src", "main", "rego"),
        Path.of("target", "validate-benchmark"));
  }

  /**
   * Reads {@code --name=value} arguments over the defaults.
   *
   * @throws IllegalArgumentException naming the argument at fault, with the usage
   */
  public static ValidateOptions parse(String... args) {
    ValidateOptions options = defaults();
    List<Integer> sizes = options.sizes;
    int warmupRounds = options.warmupRounds;
    int rounds = options.rounds;
    Duration timeBudget = options.timeBudget;
    Duration engineWarmup = options.engineWarmup;
    int conftestMaxServices = options.conftestMaxServices;
    int allNamespacesMaxServices = options.allNamespacesMaxServices;
    int conftestRounds = options.conftestRounds;
    Duration conftestTimeout = options.conftestTimeout;
    Path rego = options.rego;
    Path workDir = options.workDir;
    for (Map.Entry<String, String> argument : OptionArguments.parse(args, USAGE).entrySet()) {
      String name = argument.getKey();
      String value = argument.getValue();
      switch (name) {
        case "sizes" -> sizes = OptionArguments.sizes(value, USAGE);
        case "warmup-rounds" -> warmupRounds = OptionArguments.number(name, value, USAGE);
        case "rounds" -> rounds = OptionArguments.number(name, value, USAGE);
        case "time-budget-seconds" ->
            timeBudget = Duration.ofSeconds(OptionArguments.number(name, value, USAGE));
        case "engine-warmup-seconds" ->
            engineWarmup = Duration.ofSeconds(OptionArguments.number(name, value, USAGE));
        case "conftest-max-services" ->
            conftestMaxServices = OptionArguments.number(name, value, USAGE);
        case "all-namespaces-max-services" ->
            allNamespacesMaxServices = OptionArguments.number(name, value, USAGE);
        case "conftest-rounds" -> conftestRounds = OptionArguments.number(name, value, USAGE);
        case "conftest-timeout-seconds" ->
            conftestTimeout = Duration.ofSeconds(OptionArguments.number(name, value, USAGE));
        case "rego" -> rego = Path.of(value);
        case "work-dir" -> workDir = Path.of(value);
        default -> throw OptionArguments.unknown(name, USAGE);
      }
    }
    return new ValidateOptions(
        sizes,
        warmupRounds,
        rounds,
        timeBudget,
        engineWarmup,
        conftestMaxServices,
        allNamespacesMaxServices,
        conftestRounds,
        conftestTimeout,
        rego,
        workDir);
  }

  /** The largest size a way of running conftest is run for. */
  public int maxServices(ConftestPipeline.Mode mode) {
    return mode == ConftestPipeline.Mode.ALL_NAMESPACES
        ? allNamespacesMaxServices
        : conftestMaxServices;
  }
}
