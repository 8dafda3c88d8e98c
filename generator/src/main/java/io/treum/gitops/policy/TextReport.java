package io.treum.gitops.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The console report: findings grouped by environment, then by rule, with counts, then a summary
 * line and the verdict.
 *
 * <pre>
 * production: 2 errors, 1 waived
 *   TREUM-IMG-001 Images come from the platform's private ECR: 2 errors
 *     Deployment/payments/api: image docker.io/nginx:latest is not from ...
 *       at overlays/production/deployment-api.yaml:14; defined by io.treum.Platform#payments
 *     ...
 *     fix: push the image to ...
 *   TREUM-SEC-004 ...: 1 waived
 *     Deployment/payments/api: ...
 *       waived by team-payments until 2026-09-30: reason (treum-waivers.yaml:5)
 *
 * Summary: 2 errors, 1 waived; 31 rules evaluated on 148 objects in 2 environments
 * FAILED: policy violations: 2 errors in production
 * </pre>
 *
 * Objects read as {@code Kind/namespace/name}, the form a waiver's {@code object} takes.
 */
public final class TextReport implements PolicyReport {

  @Override
  public String render(ValidationResult result, ReportOptions options) {
    StringBuilder out = new StringBuilder();
    SortedMap<String, List<WaivedFinding>> waivedByEnvironment = result.waivedByEnvironment();
    for (Map.Entry<String, List<Finding>> environment : result.findingsByEnvironment().entrySet()) {
      List<WaivedFinding> waived = waivedByEnvironment.get(environment.getKey());
      environment(out, result, environment.getKey(), environment.getValue(), waived);
      out.append('\n');
    }
    out.append("Summary: ").append(result.summary()).append('\n');
    out.append(
        result.failure(options.failOnWarn()).map(reason -> "FAILED: " + reason).orElse("PASSED"));
    return out.append('\n').toString();
  }

  private static void environment(
      StringBuilder out,
      ValidationResult result,
      String environment,
      List<Finding> findings,
      List<WaivedFinding> waived) {
    out.append(printable(ValidationResult.label(environment)))
        .append(": ")
        .append(counts(findings, waived))
        .append('\n');
    SortedMap<String, List<Finding>> byRule = new TreeMap<>();
    SortedMap<String, List<WaivedFinding>> waivedByRule = new TreeMap<>();
    findings.forEach(f -> byRule.computeIfAbsent(f.ruleId(), id -> new ArrayList<>()).add(f));
    for (WaivedFinding w : waived) {
      byRule.computeIfAbsent(w.finding().ruleId(), id -> new ArrayList<>());
      waivedByRule.computeIfAbsent(w.finding().ruleId(), id -> new ArrayList<>()).add(w);
    }
    for (Map.Entry<String, List<Finding>> rule : byRule.entrySet()) {
      List<Finding> standing = rule.getValue();
      List<WaivedFinding> ruleWaived = waivedByRule.getOrDefault(rule.getKey(), List.of());
      Finding first = standing.isEmpty() ? ruleWaived.get(0).finding() : standing.get(0);
      Rule metadata = result.rule(first);
      String title = metadata.title().equals(metadata.id()) ? "" : " " + metadata.title();
      out.append(indent(metadata.id() + title + ": " + counts(standing, ruleWaived), "  ", "    "))
          .append('\n');
      for (Finding finding : standing) {
        finding(out, finding);
      }
      for (WaivedFinding w : ruleWaived) {
        finding(out, w.finding());
        Waiver waiver = w.waiver();
        out.append(
                indent(
                    "waived by "
                        + waiver.owner()
                        + " until "
                        + waiver.expires()
                        + ": "
                        + waiver.reason()
                        + " ("
                        + waiver.file()
                        + (waiver.line() > 0 ? ":" + waiver.line() : "")
                        + ")",
                    "      ",
                    "        "))
            .append('\n');
      }
      if (!standing.isEmpty() && !metadata.remediation().isEmpty()) {
        out.append(indent("fix: " + metadata.remediation(), "    ", "      ")).append('\n');
      }
    }
  }

  private static void finding(StringBuilder out, Finding finding) {
    out.append(indent(finding.object() + ": " + finding.message(), "    ", "      ")).append('\n');
    List<String> where = new ArrayList<>();
    if (finding.location() != null) {
      where.add("at " + finding.location());
    }
    if (finding.definition() != null) {
      where.add("defined by " + finding.definition());
    }
    if (!where.isEmpty()) {
      out.append(indent(String.join("; ", where), "      ", "      ")).append('\n');
    }
  }

  /** {@code 2 errors, 1 warning, 1 waived} or {@code no findings}. */
  static String counts(List<Finding> findings, List<WaivedFinding> waived) {
    List<String> parts = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      long count = findings.stream().filter(f -> f.severity() == severity).count();
      if (count > 0) {
        parts.add(
            severity == Severity.INFO
                ? count + " info"
                : ValidationResult.plural((int) count, severity.label()));
      }
    }
    if (!waived.isEmpty()) {
      parts.add(waived.size() + " waived");
    }
    return parts.isEmpty() ? "no findings" : String.join(", ", parts);
  }

  /**
   * Puts {@code first} before the first line of the text and {@code rest} before the others;
   * control characters are made {@link #printable}.
   */
  static String indent(String text, String first, String rest) {
    String[] lines = printable(text).split("\r\n|\r|\n", -1);
    StringBuilder out = new StringBuilder(first).append(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      out.append('\n').append(rest).append(lines[i]);
    }
    return out.toString();
  }

  /**
   * The text with control characters other than line breaks and tabs replaced by U+FFFD: messages
   * quote manifests, and an escape sequence from a manifest must not rewrite the console.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control =
          (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || (c >= 0x7F && c <= 0x9F);
      out.append(control ? '\uFFFD' : c);
    }
    return out.toString();
  }
}
