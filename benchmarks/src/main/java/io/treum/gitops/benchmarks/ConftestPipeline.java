package io.treum.gitops.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pipelines treum's validate is compared with, one per environment, the environments' pipelines
 * running at the same time as treum evaluates its environments in parallel. Two ways to run TREUM's
 * rules with conftest ({@link Mode}):
 *
 * <ul>
 *   <li>{@link Mode#ALL_NAMESPACES}, as conftest is usually run: {@code kustomize build
 *       overlays/<env> | conftest test -p <rego> --all-namespaces --data <env>.json -}. conftest
 *       evaluates every package for every object, the cross-resource packages too, which read the
 *       whole environment from {@code data.treum}: their work is repeated for every object, so the
 *       run grows with the square of the objects;
 *   <li>{@link Mode#CROSS_RULES_ONCE}, the fastest conftest can do what treum's gate does: the
 *       single-resource packages ({@code --namespace treum.resource.<area>}) over the build's
 *       objects, and the cross-resource packages once, on an empty document.
 * </ul>
 *
 * <p>The data file carries what conftest cannot compute from one object at a time (see {@link
 * ConftestData}). The pipelines run under {@code /bin/sh}, whose {@code times} reports the CPU time
 * of kustomize and conftest together.
 */
final class ConftestPipeline {
  /** conftest's exit codes when it ran: 0 no failures, 1 failures found. */
  private static final List<Integer> RAN = List.of(0, 1);

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)");

  /**
   * Arguments: kustomize, conftest, the Rego folder, the tree, the data folder, the output folder,
   * the mode, conftest's namespace flags for the objects and for the environment, the environments.
   */
  private static final String SCRIPT =
      """
      kustomize=$1 conftest=$2 rego=$3 tree=$4 data=$5 out=$6 mode=$7 objects=$8 environment=$9
      shift 9
      echo '{}' > "$out/empty.json"
      for env in "$@"; do
        (
          { "$kustomize" build "$tree/overlays/$env" 2> "$out/$env.kustomize.err"
            echo $? > "$out/$env.kustomize.status"; } \\
            | "$conftest" test -p "$rego" $objects --no-color -o json \\
                --data "$data/$env.json" - > "$out/$env.json" 2> "$out/$env.err"
          echo $? > "$out/$env.status"
          if [ "$mode" = once ]; then
            "$conftest" test -p "$rego" $environment --no-color -o json \\
              --data "$data/$env.json" "$out/empty.json" > "$out/$env.cross.json" \\
              2> "$out/$env.cross.err"
            echo $? > "$out/$env.cross.status"
          fi
        ) &
      done
      wait
      times > "$out/times"
      """;

  /** How conftest evaluates TREUM's packages. */
  enum Mode {
    /** Every package on every object ({@code --all-namespaces}). */
    ALL_NAMESPACES,
    /** Single-resource packages on every object, cross-resource packages once. */
    CROSS_RULES_ONCE
  }

  private final Path kustomize;
  private final Path conftest;
  private final Path rego;

  ConftestPipeline(Path kustomize, Path conftest, Path rego) {
    this.kustomize = kustomize;
    this.conftest = conftest;
    this.rego = rego;
  }

  /** conftest as the tests find it: {@code TREUM_CONFTEST}, tools folder, cache, {@code PATH}. */
  static Optional<Path> locateConftest(Map<String, String> environment, Path userHome) {
    return ToolBinaries.locate("conftest", "TREUM_CONFTEST", environment, userHome);
  }

  /** What {@code conftest --version} prints, on one line. */
  String conftestVersion() {
    try {
      Process process =
          new ProcessBuilder(conftest.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return output.strip().replace('\n', ',').replace(",", ", ");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + conftest + " --version", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running conftest --version", e);
    }
  }

  /**
   * Runs the pipelines of {@code environments} at the same time and waits for all of them.
   *
   * @param tree the platform, with {@code overlays/<env>}
   * @param data the folder with {@code <env>.json} for every environment
   * @param out an empty folder for the outputs
   * @return the run; a timed-out run has no outputs
   */
  Run run(Mode mode, Path tree, List<String> environments, Path data, Path out, Duration timeout) {
    try {
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "sh"));
      for (Path path : List.of(kustomize, conftest, rego, tree, data, out)) {
        command.add(path.toAbsolutePath().toString());
      }
      if (mode == Mode.ALL_NAMESPACES) {
        command.addAll(List.of("all", "--all-namespaces", ""));
      } else {
        command.addAll(List.of("once", namespaceFlags("resource"), namespaceFlags("cross")));
      }
      command.addAll(environments);
      Files.createDirectories(out);
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.resolve("sh.out").toFile())
              .redirectError(out.resolve("sh.err").toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return new Run(
            Duration.ofNanos(System.nanoTime() - start), null, true, Map.of(), List.of());
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Map<String, List<String>> outputs = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (String environment : environments) {
        String kustomizeStatus = read(out.resolve(environment + ".kustomize.status")).strip();
        String status = read(out.resolve(environment + ".status")).strip();
        if (!kustomizeStatus.equals("0")) {
          problems.add(
              "kustomize build overlays/"
                  + environment
                  + " failed ("
                  + kustomizeStatus
                  + "): "
                  + read(out.resolve(environment + ".kustomize.err")).strip());
        } else if (!RAN.contains(parseStatus(status))) {
          problems.add(
              "conftest test of "
                  + environment
                  + " failed ("
                  + status
                  + "): "
                  + read(out.resolve(environment + ".err")).strip());
        } else if (mode == Mode.CROSS_RULES_ONCE
            && !RAN.contains(
                parseStatus(read(out.resolve(environment + ".cross.status")).strip()))) {
          problems.add(
              "conftest test of "
                  + environment
                  + "'s cross-resource rules failed: "
                  + read(out.resolve(environment + ".cross.err")).strip());
        } else {
          List<String> texts = new ArrayList<>(List.of(read(out.resolve(environment + ".json"))));
          if (mode == Mode.CROSS_RULES_ONCE) {
            texts.add(read(out.resolve(environment + ".cross.json")));
          }
          outputs.put(environment, texts);
        }
      }
      return new Run(
          elapsed,
          KustomizeBinary.childrenCpu(read(out.resolve("times"))),
          false,
          outputs,
          problems);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the kustomize and conftest pipelines", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kustomize and conftest", e);
    }
  }

  /**
   * {@code --namespace} flags for every package of TREUM's Rego under {@code treum.<stage>}: the
   * packages named by the files of {@code <rego>/treum/<stage>/}.
   */
  private String namespaceFlags(String stage) throws IOException {
    List<String> flags = new ArrayList<>();
    try (Stream<Path> files = Files.list(rego.resolve("treum").resolve(stage))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".rego")).sorted().toList()) {
        Matcher matcher = PACKAGE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (matcher.find()) {
          flags.add("--namespace " + matcher.group(1));
        }
      }
    }
    if (flags.isEmpty()) {
      throw new IOException("no Rego package under " + rego.resolve("treum").resolve(stage));
    }
    return String.join(" ", flags);
  }

  private static int parseStatus(String status) {
    try {
      return Integer.parseInt(status);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /**
   * One run of the pipelines of all environments.
   *
   * @param elapsed wall-clock time from start until the last pipeline ended (or the timeout)
   * @param cpu user + system CPU time of every kustomize and conftest, or {@code null} when unknown
   * @param timedOut whether the run was stopped at the timeout
   * @param outputs conftest's JSON outputs by environment, for the environments whose pipeline ran:
   *     one, or with {@link Mode#CROSS_RULES_ONCE} the objects' and the environment's
   * @param problems pipelines that failed, with their error output
   */
  record Run(
      Duration elapsed,
      Duration cpu,
      boolean timedOut,
      Map<String, List<String>> outputs,
      List<String> problems) {
    Run {
      outputs = Map.copyOf(outputs);
      problems = List.copyOf(problems);
    }

    boolean succeeded() {
      return !timedOut && problems.isEmpty();
    }
  }
}
