package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SARIF 2.1.0 report, for code scanning (GitHub, GitLab, IDEs). One run of the tool {@code
 * treum}:
 *
 * <ul>
 *   <li>{@code tool.driver.rules}: every rule of {@link ValidationResult#rules()}, sorted by id,
 *       with {@code id}, {@code name} (the title in PascalCase), {@code shortDescription} (the
 *       title), {@code help} (the remediation, when there is one), {@code
 *       defaultConfiguration.level} and {@code properties.waivable};
 *   <li>{@code results}: every finding, standing or waived, in {@link Finding} order, with {@code
 *       ruleId}, {@code ruleIndex}, {@code level} (error, warning or note), {@code message.text}
 *       ({@code Kind/namespace/name (environment): message}), one location with {@code
 *       physicalLocation.artifactLocation.uri} (the file from the repository root, {@code
 *       uriBaseId} {@code %SRCROOT%}) and {@code region.startLine} when known, and a {@code
 *       logicalLocation} for the object; {@code partialFingerprints["treum/v1"]} from rule,
 *       environment, object and message; {@code properties} with the environment, the object and
 *       the Java definition; waived findings carry an accepted external {@code suppression} with
 *       the waiver's reason;
 *   <li>{@code invocations[0].executionSuccessful} is false, with a notification, when the run
 *       evaluated nothing.
 * </ul>
 *
 * No timestamps, no absolute paths unless a finding names a file outside the tree.
 */
public final class SarifReport implements PolicyReport {
  /** The schema the report declares. */
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** The key of treum's fingerprint in {@code partialFingerprints}. */
  public static final String FINGERPRINT = "treum/v1";

  @Override
  public String render(ValidationResult result, ReportOptions options) {
    ObjectNode log = ReportJson.object();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "treum");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (Rule rule : result.rules()) {
      ruleIndex.put(rule.id(), rules.size());
      rules.add(rule(rule));
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    result
        .evaluationProblem()
        .ifPresentOrElse(
            problem -> {
              invocation.put("executionSuccessful", false);
              ObjectNode notification =
                  invocation.putArray("toolExecutionNotifications").addObject();
              notification.put("level", "error");
              notification.putObject("message").put("text", problem);
            },
            () -> invocation.put("executionSuccessful", true));
    ArrayNode results = run.putArray("results");
    // standing and waived findings in one sequence, in finding order
    List<Reported> ordered = new ArrayList<>();
    result.findings().forEach(f -> ordered.add(new Reported(f, null)));
    result.waived().forEach(w -> ordered.add(new Reported(w.finding(), w.waiver())));
    ordered.sort(null);
    for (Reported entry : ordered) {
      Finding finding = entry.finding();
      results.add(result(finding, entry.waiver(), ruleIndex.get(finding.ruleId()), options));
    }
    ObjectNode properties = run.putObject("properties");
    properties.put("rulesEvaluated", result.rulesEvaluated());
    properties.put("objectsEvaluated", result.objectsEvaluated());
    ArrayNode environments = properties.putArray("environments");
    result.environments().forEach(environments::add);
    return ReportJson.write(log);
  }

  private static ObjectNode rule(Rule rule) {
    ObjectNode node = ReportJson.object();
    node.put("id", rule.id());
    node.put("name", pascalCase(rule.title(), rule.id()));
    node.putObject("shortDescription").put("text", rule.title());
    if (!rule.remediation().isEmpty()) {
      node.putObject("help").put("text", rule.remediation());
    }
    node.putObject("defaultConfiguration").put("level", rule.severity().sarifLevel());
    node.putObject("properties").put("waivable", rule.waivable());
    return node;
  }

  private static ObjectNode result(
      Finding finding, Waiver waiver, int ruleIndex, ReportOptions options) {
    ObjectNode node = ReportJson.object();
    node.put("ruleId", finding.ruleId());
    node.put("ruleIndex", ruleIndex);
    node.put("level", finding.severity().sarifLevel());
    node.putObject("message").put("text", messageText(finding));
    ObjectNode location = node.putArray("locations").addObject();
    if (finding.file() != null) {
      ObjectNode physical = location.putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      String path = options.repositoryPath(finding.file());
      if (path.startsWith("/")) {
        artifact.put("uri", Path.of(path).toUri().toString());
      } else {
        artifact.put("uri", uri(path));
        artifact.put("uriBaseId", "%SRCROOT%");
      }
      if (finding.hasLine()) {
        physical.putObject("region").put("startLine", finding.line());
      }
    }
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    logical.put("name", finding.object().name());
    logical.put("fullyQualifiedName", finding.environment() + "/" + finding.object());
    logical.put("kind", "resource");
    node.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(finding));
    ObjectNode properties = node.putObject("properties");
    properties.put("environment", finding.environment());
    ObjectNode object = properties.putObject("object");
    object.put("apiVersion", finding.object().apiVersion());
    object.put("kind", finding.object().kind());
    object.put("namespace", finding.object().namespace());
    object.put("name", finding.object().name());
    properties.put("definition", finding.definition());
    if (waiver != null) {
      ObjectNode suppression = node.putArray("suppressions").addObject();
      suppression.put("kind", "external");
      suppression.put("status", "accepted");
      suppression.put(
          "justification",
          waiver.reason()
              + " (owner "
              + waiver.owner()
              + ", expires "
              + waiver.expires()
              + ", "
              + waiver.file()
              + (waiver.line() > 0 ? ":" + waiver.line() : "")
              + ")");
    }
    return node;
  }

  static String messageText(Finding finding) {
    return finding.object()
        + " ("
        + ValidationResult.label(finding.environment())
        + "): "
        + finding.message();
  }

  /** A stable id for a finding across runs, whatever its line: rule, environment, object, text. */
  static String fingerprint(Finding finding) {
    String key =
        String.join(
            "\n",
            finding.ruleId(),
            finding.environment(),
            String.valueOf(finding.object().apiVersion()),
            finding.object().toString(),
            finding.message());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A relative path as a URI reference: every byte but unreserved characters and / encoded. */
  static String uri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '/';
      if (keep) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** "Images come from the platform's ECR" reads {@code ImagesComeFromThePlatformsECR}. */
  static String pascalCase(String title, String fallback) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < title.length(); ) {
      int c = title.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\'' || c == '\u2019') {
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        out.appendCodePoint(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.length() == 0 ? fallback : out.toString();
  }

  /** A finding and the waiver that accepted it, or {@code null} while it stands. */
  private record Reported(Finding finding, Waiver waiver) implements Comparable<Reported> {
    @Override
    public int compareTo(Reported other) {
      int byFinding = finding.compareTo(other.finding);
      return byFinding != 0 ? byFinding : Integer.compare(entry(), other.entry());
    }

    private int entry() {
      return waiver == null ? 0 : waiver.entry();
    }
  }
}
