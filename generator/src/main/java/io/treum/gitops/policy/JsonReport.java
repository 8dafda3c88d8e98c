package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report. Schema version 1; fields are always present (unknown values are
 * {@code null}), arrays are sorted as {@link ValidationResult} sorts them:
 *
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "tool": "treum",
 *   "passed": false,                  // ValidationResult.passes(failOnWarn)
 *   "failOnWarn": false,
 *   "failure": "policy violations: 2 errors in production",   // or null when passed
 *   "summary": {
 *     "rulesEvaluated": 31, "objectsEvaluated": 148,
 *     "errors": 2, "warnings": 1, "info": 0, "waived": 1      // errors..info: standing findings
 *   },
 *   "environments": [                 // evaluated ones, and "*" when a waiver finding names it
 *     {"name": "production", "evaluated": true, "errors": 2, "warnings": 1, "info": 0, "waived": 1}
 *   ],
 *   "findings": [ FINDING ],          // standing, including TREUM-WAIVER-* findings
 *   "waived": [ FINDING + {"waiver": WAIVER} ],
 *   "rules": [                        // the catalogue's rules and any rule a finding names
 *     {"id": "TREUM-IMG-001", "title": "...", "severity": "error", "remediation": "...",
 *      "waivable": true}
 *   ]
 * }
 *
 * FINDING = {
 *   "rule": "TREUM-IMG-001", "severity": "error" | "warning" | "info",
 *   "environment": "production",      // "*": a waiver for every environment
 *   "object": {"apiVersion": "apps/v1" | null, "kind": "Deployment",
 *              "namespace": "payments" | null, "name": "api"},
 *   "message": "...",
 *   "file": "overlays/production/deployment-api.yaml" | null,   // relative to the tree's root
 *   "line": 14 | null,
 *   "definition": "io.treum.platform.TreumPlatform#payments" | null
 * }
 * WAIVER = {
 *   "rule": "...", "object": "Deployment/payments/api", "environment": "production" | null,
 *   "reason": "...", "owner": "...", "expires": "2026-09-30",
 *   "file": "treum-waivers.yaml", "entry": 1, "line": 2 | null
 * }
 * }</pre>
 */
public final class JsonReport implements PolicyReport {
  /** The version of the schema above; it changes only when a field changes meaning or goes. */
  public static final int SCHEMA_VERSION = 1;

  @Override
  public String render(ValidationResult result, ReportOptions options) {
    ObjectNode root = ReportJson.object();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("tool", "treum");
    root.put("passed", result.passes(options.failOnWarn()));
    root.put("failOnWarn", options.failOnWarn());
    root.put("failure", result.failure(options.failOnWarn()).orElse(null));
    ObjectNode summary = root.putObject("summary");
    summary.put("rulesEvaluated", result.rulesEvaluated());
    summary.put("objectsEvaluated", result.objectsEvaluated());
    counts(summary, result.findings(), result.waived());
    ArrayNode environments = root.putArray("environments");
    Map<String, List<WaivedFinding>> waived = result.waivedByEnvironment();
    for (Map.Entry<String, List<Finding>> entry : result.findingsByEnvironment().entrySet()) {
      ObjectNode environment = environments.addObject();
      environment.put("name", entry.getKey());
      environment.put("evaluated", result.environments().contains(entry.getKey()));
      counts(environment, entry.getValue(), waived.get(entry.getKey()));
    }
    ArrayNode findings = root.putArray("findings");
    result.findings().forEach(f -> findings.add(finding(f)));
    ArrayNode waivedFindings = root.putArray("waived");
    for (WaivedFinding w : result.waived()) {
      ObjectNode node = finding(w.finding());
      node.set("waiver", waiver(w.waiver()));
      waivedFindings.add(node);
    }
    ArrayNode rules = root.putArray("rules");
    for (Rule rule : result.rules()) {
      ObjectNode node = rules.addObject();
      node.put("id", rule.id());
      node.put("title", rule.title());
      node.put("severity", rule.severity().label());
      node.put("remediation", rule.remediation());
      node.put("waivable", rule.waivable());
    }
    return ReportJson.write(root);
  }

  private static void counts(ObjectNode node, List<Finding> findings, List<WaivedFinding> waived) {
    node.put("errors", count(findings, Severity.ERROR));
    node.put("warnings", count(findings, Severity.WARNING));
    node.put("info", count(findings, Severity.INFO));
    node.put("waived", waived.size());
  }

  private static int count(List<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }

  private static ObjectNode finding(Finding finding) {
    ObjectNode node = ReportJson.object();
    node.put("rule", finding.ruleId());
    node.put("severity", finding.severity().label());
    node.put("environment", finding.environment());
    ObjectNode object = node.putObject("object");
    object.put("apiVersion", finding.object().apiVersion());
    object.put("kind", finding.object().kind());
    object.put("namespace", finding.object().namespace());
    object.put("name", finding.object().name());
    node.put("message", finding.message());
    node.put("file", finding.file());
    node.put("line", finding.hasLine() ? finding.line() : null);
    node.put("definition", finding.definition());
    return node;
  }

  private static ObjectNode waiver(Waiver waiver) {
    ObjectNode node = ReportJson.object();
    node.put("rule", waiver.rule());
    node.put("object", waiver.object().toString());
    node.put("environment", waiver.environment());
    node.put("reason", waiver.reason());
    node.put("owner", waiver.owner());
    node.put("expires", waiver.expires().toString());
    node.put("file", waiver.file());
    node.put("entry", waiver.entry());
    node.put("line", waiver.line() > 0 ? waiver.line() : null);
    return node;
  }
}
