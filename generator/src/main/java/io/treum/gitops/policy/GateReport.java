package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.CanonicalJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code treum/gate/report} returned for one environment: how many objects it saw, which rules
 * it evaluated (their data paths), the findings and the findings conftest {@code exception} rules
 * exempted, as the policy wrote them (policies/README.md, "A finding").
 *
 * @param environment the environment's name
 * @param objects how many objects were evaluated
 * @param rules the data paths of the rules evaluated, sorted
 * @param findings the findings, without repeats, in the order of their canonical JSON
 * @param exceptions the exempted findings, likewise
 */
public record GateReport(
    String environment,
    int objects,
    SortedSet<String> rules,
    List<JsonNode> findings,
    List<JsonNode> exceptions) {

  public GateReport {
    rules = new TreeSet<>(rules);
    findings = distinct(findings);
    exceptions = distinct(exceptions);
  }

  /**
   * Reads the value of {@code treum/gate/report}.
   *
   * @param source names the policy in messages
   * @throws PolicyException when the value does not have the report's shape
   */
  public static GateReport parse(JsonNode report, String environment, String source) {
    if (report == null || !report.isObject()) {
      throw new PolicyException(
          source
              + ": "
              + PolicyEngine.REPORT_ENTRYPOINT
              + " returned "
              + (report == null ? "nothing" : report.getNodeType().toString().toLowerCase())
              + " for environment "
              + environment
              + ", not a report object: is it built from TREUM's gate (treum.gate)?");
    }
    JsonNode objects = report.get("objects");
    if (objects == null || !objects.canConvertToInt() || objects.asInt() < 0) {
      throw malformed(source, environment, "objects is not a count");
    }
    return new GateReport(
        environment,
        objects.asInt(),
        strings(report.get("rules"), source, environment),
        list(report.get("findings"), "findings", source, environment),
        list(report.get("exceptions"), "exceptions", source, environment));
  }

  /** The reports of several policy modules on the same environment, as one. */
  public static GateReport merge(String environment, Collection<GateReport> reports) {
    int objects = 0;
    SortedSet<String> rules = new TreeSet<>();
    List<JsonNode> findings = new ArrayList<>();
    List<JsonNode> exceptions = new ArrayList<>();
    for (GateReport report : reports) {
      objects = Math.max(objects, report.objects());
      rules.addAll(report.rules());
      findings.addAll(report.findings());
      exceptions.addAll(report.exceptions());
    }
    return new GateReport(environment, objects, rules, findings, exceptions);
  }

  private static SortedSet<String> strings(JsonNode node, String source, String environment) {
    if (node == null || !node.isArray()) {
      throw malformed(source, environment, "rules is not a list");
    }
    SortedSet<String> rules = new TreeSet<>();
    for (JsonNode rule : node) {
      if (!rule.isTextual()) {
        throw malformed(source, environment, "rules holds " + rule + ", not a data path");
      }
      rules.add(rule.asText());
    }
    return rules;
  }

  private static List<JsonNode> list(
      JsonNode node, String field, String source, String environment) {
    if (node == null || !node.isArray()) {
      throw malformed(source, environment, field + " is not a list");
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw malformed(source, environment, field + " holds " + item + ", not a finding object");
      }
      items.add(item);
    }
    return items;
  }

  private static PolicyException malformed(String source, String environment, String problem) {
    return new PolicyException(
        source
            + ": the report of "
            + PolicyEngine.REPORT_ENTRYPOINT
            + " for environment "
            + environment
            + " is malformed: "
            + problem);
  }

  /** Without repeats, ordered by canonical JSON: sets in OPA come in no particular order. */
  private static List<JsonNode> distinct(List<JsonNode> items) {
    Map<String, JsonNode> unique = new LinkedHashMap<>();
    items.forEach(item -> unique.putIfAbsent(CanonicalJson.sorted(item).toString(), item));
    return new TreeSet<>(unique.keySet()).stream().map(unique::get).toList();
  }
}
