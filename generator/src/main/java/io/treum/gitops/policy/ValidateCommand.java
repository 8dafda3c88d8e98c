package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.HydrateCommand;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.KustomizeException;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.kustomize.Resource;
import io.treum.gitops.kustomize.ResourceSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code treum:validate}: builds every overlay of a tree with the Java Kustomize builder, evaluates
 * the policy gate on the requested environments in parallel, applies the waiver file and writes the
 * reports — before the caller decides whether the build fails, so CI can publish them either way.
 *
 * <p>Fails closed: a tree that does not build, an invalid waiver file or environment profile, and
 * any policy or engine error end the run with an exception, never with a passing result; a run that
 * evaluated no rule or no object does not {@link ValidationResult#passes pass}.
 */
public final class ValidateCommand {
  private final ManifestYaml yaml;
  private final KustomizeBuilder builder;
  private final HydrateCommand hydrate;
  private final Clock clock;
  private final Function<ValidateRequest, PolicyEngines.Selection> engines;

  /**
   * @param engines chooses the policies and the engine for a request (see {@link PolicyEngines})
   */
  public ValidateCommand(
      ManifestYaml yaml,
      MergeSchema schema,
      Clock clock,
      Function<ValidateRequest, PolicyEngines.Selection> engines) {
    this.yaml = Objects.requireNonNull(yaml, "yaml");
    this.builder = new KustomizeBuilder(yaml, schema);
    this.hydrate = new HydrateCommand(yaml, schema);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.engines = Objects.requireNonNull(engines, "engines");
  }

  /** One built overlay. */
  private record Overlay(
      EnvironmentProfile profile, ResourceSet resources, List<ObjectNode> objects) {}

  /**
   * Validates the tree.
   *
   * @throws KustomizeException when an overlay does not build
   * @throws PolicyException when the policies cannot be evaluated or the request is invalid
   * @throws WaiverException when the waiver file is invalid
   */
  public ValidationRun validate(ValidateRequest request) {
    return validate(request, Map.of());
  }

  /**
   * Validates the tree, taking the overlays in {@code built} as they are instead of building them
   * again: for a caller that has just built them from the same files (a bump builds each overlay it
   * changes to check the change, then gates it).
   *
   * @param built overlays by environment name, built from the tree's current files
   */
  public ValidationRun validate(ValidateRequest request, Map<String, ResourceSet> built) {
    return validate(request, built, Map.of());
  }

  /**
   * Validates the tree as {@link #validate(ValidateRequest, Map)}, evaluating the single-resource
   * rules of some environments on some of their objects only: for a bump, which proved that only
   * some objects changed, so that every other object's single-resource findings are as they were.
   * The cross-resource rules always see every object.
   *
   * @param subjects by environment name, the positions in its built objects that the
   *     single-resource rules evaluate; an environment not named evaluates every object
   */
  public ValidationRun validate(
      ValidateRequest request,
      Map<String, ResourceSet> built,
      Map<String, List<Integer>> subjects) {
    Path root = request.directory().toAbsolutePath().normalize();
    List<String> available = hydrate.overlays(root);
    for (String wanted : request.environments()) {
      if (!available.contains(wanted)) {
        throw new PolicyInputException(
            "treum.environments names '"
                + wanted
                + "', but "
                + root.resolve("overlays")
                + " has only "
                + available);
      }
    }
    List<String> evaluated =
        available.stream()
            .filter(e -> request.environments().isEmpty() || request.environments().contains(e))
            .toList();
    Waivers waivers = new WaiverFile(yaml).read(root, request.waivers());
    Instant now = clock.instant();

    Map<String, Overlay> overlays = new LinkedHashMap<>();
    for (String environment : available) {
      Path folder = root.resolve("overlays").resolve(environment);
      EnvironmentProfile profile =
          EnvironmentProfile.read(
              yaml, folder, "overlays/" + environment + "/" + EnvironmentProfile.FILE_NAME);
      ResourceSet resources =
          built.containsKey(environment) ? built.get(environment) : builder.buildResources(folder);
      overlays.put(environment, new Overlay(profile, resources, resources.objects()));
    }
    List<ObjectNode> summaries = new ArrayList<>();
    overlays
        .values()
        .forEach(o -> summaries.add(EnvironmentDocument.summary(o.profile(), o.objects())));

    PolicyEngines.Selection selection = engines.apply(request);
    SourceLocator locator = new SourceLocator(yaml, root);
    Map<String, GateReport> reports;
    try (PolicyEngine engine = selection.engine()) {
      reports = evaluate(engine, evaluated, overlays, summaries, subjects, now);
    }

    List<Finding> findings = new ArrayList<>();
    SortedSet<String> rules = new TreeSet<>();
    int objects = 0;
    for (String environment : evaluated) {
      GateReport report = reports.get(environment);
      rules.addAll(report.rules());
      objects += report.objects();
      findings.addAll(findings(report, overlays.get(environment).resources(), locator));
    }
    RuleCatalogue catalogue = selection.policies().catalogue();
    WaiverOutcome outcome = new WaiverApplier(clock).apply(findings, waivers, catalogue, evaluated);
    ValidationResult result =
        ValidationResult.of(evaluated, outcome, catalogue, rules.size(), objects);
    ReportOptions options = new ReportOptions(request.failOnWarn(), repositoryPath(root));
    List<Path> written =
        new ReportWriter().write(result, options, request.formats(), request.reportDirectory());
    String text = ReportFormat.TEXT.report().render(result, options);
    return new ValidationRun(result, text, written, selection.engine().description(), options);
  }

  private static Map<String, GateReport> evaluate(
      PolicyEngine engine,
      List<String> environments,
      Map<String, Overlay> overlays,
      List<ObjectNode> summaries,
      Map<String, List<Integer>> subjects,
      Instant now) {
    int threads =
        Math.max(1, Math.min(environments.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, ValidateCommand::daemon);
    try {
      Map<String, Future<GateReport>> running = new LinkedHashMap<>();
      for (String environment : environments) {
        Overlay overlay = overlays.get(environment);
        running.put(
            environment,
            pool.submit(
                () ->
                    engine.evaluate(
                        environment,
                        EnvironmentDocument.json(
                            overlay.profile(),
                            overlay.objects(),
                            summaries,
                            now,
                            subjects.get(environment)))));
      }
      Map<String, GateReport> reports = new HashMap<>();
      for (Map.Entry<String, Future<GateReport>> entry : running.entrySet()) {
        reports.put(entry.getKey(), await(entry.getValue()));
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }

  private static GateReport await(Future<GateReport> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyException("validation was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new PolicyException("policy evaluation failed: " + e.getCause(), e.getCause());
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "treum-validate");
    thread.setDaemon(true);
    return thread;
  }

  /** The gate's findings as {@link Finding}s, located in the tree. */
  private static List<Finding> findings(
      GateReport report, ResourceSet resources, SourceLocator locator) {
    Map<ObjectRef, Resource> byRef = new HashMap<>();
    for (Resource resource : resources) {
      try {
        byRef.putIfAbsent(ObjectRef.of(resource.object()), resource);
      } catch (IllegalArgumentException e) {
        // an object without kind or name cannot be named by a finding
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (JsonNode result : report.findings()) {
      Finding finding = GateFindings.finding(result, report.environment());
      Resource resource = byRef.get(finding.object());
      if (resource != null) {
        SourceLocator.Location location = locator.locate(resource.source(), resource.originalId());
        if (location.file() != null) {
          finding = finding.at(location.file(), location.line()).definedBy(location.definition());
        }
      }
      findings.add(finding);
    }
    return findings;
  }

  /**
   * The tree's folder relative to the root of the git work tree around it, for SARIF and GitHub
   * annotations; empty when there is none or the tree is its root.
   */
  static String repositoryPath(Path root) {
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir.relativize(root).toString().replace('\\', '/');
      }
    }
    return "";
  }
}
