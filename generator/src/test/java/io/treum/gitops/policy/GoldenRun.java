package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ManifestYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A golden report case: {@code golden/reports/<case>/input/} holds the tree's {@code rules.json},
 * an optional {@code treum-waivers.yaml} and a {@code run.yaml} with what the engine would hand
 * over (environments, counts, raw findings) plus the day and the report options; {@code expected/}
 * holds the report folder the run must write.
 */
record GoldenRun(String name, ValidationResult result, ReportOptions options) {
  static final String ROOT = "/golden/reports";

  /** The case folders, sorted. */
  static Stream<String> names() {
    try (Stream<Path> folders = Files.list(root())) {
      return folders.map(p -> p.getFileName().toString()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path root() {
    try {
      return Path.of(GoldenRun.class.getResource(ROOT).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path expected(String name) {
    return root().resolve(name).resolve("expected");
  }

  /** Runs the engine-independent pipeline on a case's input: catalogue, waivers, result. */
  static GoldenRun load(String name) {
    ManifestYaml yaml = new ManifestYaml();
    Path input = root().resolve(name).resolve("input");
    ObjectNode run;
    try {
      run = yaml.readObject(Files.readString(input.resolve("run.yaml")), name + "/run.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RuleCatalogue catalogue = RuleCatalogue.read(input.resolve("rules.json"));
    Waivers waivers = new WaiverFile(yaml).read(input, null);
    Clock clock =
        Clock.fixed(
            LocalDate.parse(run.get("today").asText()).atStartOfDay(ZoneOffset.UTC).toInstant(),
            ZoneOffset.UTC);
    List<String> environments = new ArrayList<>();
    run.get("environments").forEach(e -> environments.add(e.asText()));
    List<Finding> findings = new ArrayList<>();
    run.get("findings").forEach(f -> findings.add(finding(f)));
    WaiverOutcome outcome =
        new WaiverApplier(clock).apply(findings, waivers, catalogue, environments);
    ValidationResult result =
        ValidationResult.of(
            environments,
            outcome,
            catalogue,
            run.get("rulesEvaluated").asInt(),
            run.get("objectsEvaluated").asInt());
    ReportOptions options =
        new ReportOptions(run.get("failOnWarn").asBoolean(), run.get("treePath").asText());
    return new GoldenRun(name, result, options);
  }

  private static Finding finding(JsonNode node) {
    JsonNode object = node.get("object");
    return new Finding(
        node.get("rule").asText(),
        Severity.parse(node.get("severity").asText()),
        node.get("message").asText(),
        node.get("environment").asText(),
        new ObjectRef(
            text(object, "apiVersion"),
            text(object, "kind"),
            text(object, "namespace"),
            text(object, "name")),
        text(node, "file"),
        node.path("line").asInt(0),
        text(node, "definition"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : value.asText();
  }

  @Override
  public String toString() {
    return name;
  }
}
