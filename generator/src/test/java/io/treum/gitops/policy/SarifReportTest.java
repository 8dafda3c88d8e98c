package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SARIF report against the shape of the SARIF 2.1.0 schema: required properties, the properties
 * each object may have (the schema allows no others), enumerations, and the links between results
 * and rules.
 */
class SarifReportTest {
  private static final JsonMapper JSON = new JsonMapper();

  /** Properties the SARIF 2.1.0 schema defines, for each object treum writes. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry(
              "sarifLog",
              Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties")),
          Map.entry(
              "run",
              Set.of(
                  "tool",
                  "invocations",
                  "conversion",
                  "language",
                  "versionControlProvenance",
                  "originalUriBaseIds",
                  "artifacts",
                  "logicalLocations",
                  "graphs",
                  "results",
                  "automationDetails",
                  "runAggregates",
                  "baselineGuid",
                  "redactionTokens",
                  "defaultEncoding",
                  "defaultSourceLanguage",
                  "newlineSequences",
                  "columnKind",
                  "externalPropertyFileReferences",
                  "threadFlowLocations",
                  "taxonomies",
                  "addresses",
                  "translations",
                  "policies",
                  "webRequests",
                  "webResponses",
                  "specialLocations",
                  "properties")),
          Map.entry("tool", Set.of("driver", "extensions", "properties")),
          Map.entry(
              "toolComponent",
              Set.of(
                  "guid",
                  "name",
                  "organization",
                  "product",
                  "productSuite",
                  "shortDescription",
                  "fullDescription",
                  "fullName",
                  "version",
                  "semanticVersion",
                  "dottedQuadFileVersion",
                  "releaseDateUtc",
                  "downloadUri",
                  "informationUri",
                  "globalMessageStrings",
                  "notifications",
                  "rules",
                  "taxa",
                  "locations",
                  "language",
                  "contents",
                  "isComprehensive",
                  "localizedDataSemanticVersion",
                  "minimumRequiredLocalizedDataSemanticVersion",
                  "associatedComponent",
                  "translationMetadata",
                  "supportedTaxonomies",
                  "properties")),
          Map.entry(
              "reportingDescriptor",
              Set.of(
                  "id",
                  "deprecatedIds",
                  "guid",
                  "deprecatedGuids",
                  "name",
                  "deprecatedNames",
                  "shortDescription",
                  "fullDescription",
                  "messageStrings",
                  "defaultConfiguration",
                  "helpUri",
                  "help",
                  "relationships",
                  "properties")),
          Map.entry("multiformatMessageString", Set.of("text", "markdown", "properties")),
          Map.entry(
              "reportingConfiguration",
              Set.of("enabled", "level", "rank", "parameters", "properties")),
          Map.entry(
              "invocation",
              Set.of(
                  "commandLine",
                  "arguments",
                  "responseFiles",
                  "startTimeUtc",
                  "endTimeUtc",
                  "exitCode",
                  "ruleConfigurationOverrides",
                  "notificationConfigurationOverrides",
                  "toolExecutionNotifications",
                  "toolConfigurationNotifications",
                  "exitCodeDescription",
                  "exitSignalName",
                  "exitSignalNumber",
                  "processStartFailureMessage",
                  "executionSuccessful",
                  "machine",
                  "account",
                  "processId",
                  "executableLocation",
                  "workingDirectory",
                  "environmentVariables",
                  "stdin",
                  "stdout",
                  "stderr",
                  "stdoutStderr",
                  "properties")),
          Map.entry(
              "notification",
              Set.of(
                  "locations",
                  "message",
                  "level",
                  "threadId",
                  "timeUtc",
                  "exception",
                  "descriptor",
                  "associatedRule",
                  "properties")),
          Map.entry("message", Set.of("text", "markdown", "id", "arguments", "properties")),
          Map.entry(
              "result",
              Set.of(
                  "ruleId",
                  "ruleIndex",
                  "rule",
                  "kind",
                  "level",
                  "message",
                  "analysisTarget",
                  "locations",
                  "guid",
                  "correlationGuid",
                  "occurrenceCount",
                  "partialFingerprints",
                  "fingerprints",
                  "stacks",
                  "codeFlows",
                  "graphs",
                  "graphTraversals",
                  "relatedLocations",
                  "suppressions",
                  "baselineState",
                  "rank",
                  "attachments",
                  "hostedViewerUri",
                  "workItemUris",
                  "provenance",
                  "fixes",
                  "taxa",
                  "webRequest",
                  "webResponse",
                  "properties")),
          Map.entry(
              "location",
              Set.of(
                  "id",
                  "physicalLocation",
                  "logicalLocations",
                  "message",
                  "annotations",
                  "relationships",
                  "properties")),
          Map.entry(
              "physicalLocation",
              Set.of("address", "artifactLocation", "region", "contextRegion", "properties")),
          Map.entry(
              "artifactLocation", Set.of("uri", "uriBaseId", "index", "description", "properties")),
          Map.entry(
              "region",
              Set.of(
                  "startLine",
                  "startColumn",
                  "endLine",
                  "endColumn",
                  "charOffset",
                  "charLength",
                  "byteOffset",
                  "byteLength",
                  "snippet",
                  "message",
                  "sourceLanguage",
                  "properties")),
          Map.entry(
              "logicalLocation",
              Set.of(
                  "name",
                  "index",
                  "fullyQualifiedName",
                  "decoratedName",
                  "parentIndex",
                  "kind",
                  "properties")),
          Map.entry(
              "suppression",
              Set.of("guid", "kind", "status", "justification", "location", "properties")));

  static Stream<String> cases() {
    return GoldenRun.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hasTheShapeOfSarif210(String name) throws Exception {
    GoldenRun run = GoldenRun.load(name);
    JsonNode log = JSON.readTree(new SarifReport().render(run.result(), run.options()));
    check(log, "sarifLog", "version", "runs");
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    assertThat(log.get("$schema").asText()).isEqualTo(SarifReport.SCHEMA);
    assertThat(log.get("runs")).hasSize(1);
    JsonNode sarifRun = log.get("runs").get(0);
    check(sarifRun, "run", "tool");
    check(sarifRun.get("tool"), "tool", "driver");
    JsonNode driver = sarifRun.get("tool").get("driver");
    check(driver, "toolComponent", "name");
    assertThat(driver.get("name").asText()).isEqualTo("treum");

    List<String> ruleIds = new ArrayList<>();
    for (JsonNode rule : driver.get("rules")) {
      check(rule, "reportingDescriptor", "id");
      ruleIds.add(rule.get("id").asText());
      check(rule.get("shortDescription"), "multiformatMessageString", "text");
      if (rule.has("help")) {
        check(rule.get("help"), "multiformatMessageString", "text");
      }
      check(rule.get("defaultConfiguration"), "reportingConfiguration", "level");
      assertThat(rule.get("defaultConfiguration").get("level").asText())
          .isIn("none", "note", "warning", "error");
      assertThat(rule.get("name").asText()).matches("\\S+");
    }
    assertThat(ruleIds).doesNotHaveDuplicates().isSorted();
    assertThat(ruleIds)
        .containsExactlyElementsOf(run.result().rules().stream().map(Rule::id).toList());

    JsonNode invocation = sarifRun.get("invocations").get(0);
    check(invocation, "invocation", "executionSuccessful");
    assertThat(invocation.get("executionSuccessful").asBoolean())
        .isEqualTo(run.result().evaluationProblem().isEmpty());
    for (JsonNode notification : invocation.path("toolExecutionNotifications")) {
      check(notification, "notification", "message");
      check(notification.get("message"), "message", "text");
    }

    int results = 0;
    for (JsonNode result : sarifRun.get("results")) {
      results++;
      check(result, "result", "message", "ruleId", "ruleIndex", "level", "locations");
      check(result.get("message"), "message", "text");
      int index = result.get("ruleIndex").asInt();
      assertThat(ruleIds.get(index)).isEqualTo(result.get("ruleId").asText());
      assertThat(result.get("level").asText()).isIn("none", "note", "warning", "error");
      for (JsonNode location : result.get("locations")) {
        check(location, "location");
        if (location.has("physicalLocation")) {
          JsonNode physical = location.get("physicalLocation");
          check(physical, "physicalLocation", "artifactLocation");
          check(physical.get("artifactLocation"), "artifactLocation", "uri");
          String uri = physical.get("artifactLocation").get("uri").asText();
          assertThat(uri).doesNotStartWith("/").doesNotContain("..", " ", "\\");
          assertThat(java.net.URI.create(uri).isAbsolute()).isFalse();
          if (physical.has("region")) {
            check(physical.get("region"), "region", "startLine");
            assertThat(physical.get("region").get("startLine").asInt()).isPositive();
          }
        }
        for (JsonNode logical : location.get("logicalLocations")) {
          check(logical, "logicalLocation");
        }
      }
      assertThat(result.get("partialFingerprints").get(SarifReport.FINGERPRINT).asText())
          .matches("[0-9a-f]{64}");
      for (JsonNode suppression : result.path("suppressions")) {
        check(suppression, "suppression", "kind");
        assertThat(suppression.get("kind").asText()).isIn("inSource", "external");
        assertThat(suppression.get("status").asText()).isIn("accepted", "underReview", "rejected");
      }
    }
    assertThat(results).isEqualTo(run.result().findings().size() + run.result().waived().size());
  }

  /** Checks required properties and that no property is foreign to the schema's object. */
  private static void check(JsonNode node, String type, String... required) {
    assertThat(node).as(type).isNotNull();
    assertThat(node.isObject()).as(type + " is an object").isTrue();
    for (String property : required) {
      assertThat(node.has(property)).as(type + "." + property + " is required").isTrue();
    }
    Set<String> names = new HashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(ALLOWED.get(type)).as(type + " properties").containsAll(names);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "overlays/dr/kustomization.yaml, overlays/dr/kustomization.yaml",
    "overlays/dr/cluster role.yaml, overlays/dr/cluster%20role.yaml",
    "a:b/c.yaml, a%3Ab/c.yaml",
    "base/ü#1?.yaml, base/%C3%BC%231%3F.yaml",
    "x%y.yaml, x%25y.yaml",
  })
  void pathsBecomeRelativeUriReferences(String path, String uri) {
    assertThat(SarifReport.uri(path)).isEqualTo(uri);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Images come from the platform's private ECR | ImagesComeFromThePlatformsPrivateECR
          no HPA+VPA on the same resource            | NoHPAVPAOnTheSameResource
          cpu/memory requests                        | CpuMemoryRequests
          ---                                        | R-1
          """)
  void ruleNamesArePascalCaseTitles(String title, String name) {
    assertThat(SarifReport.pascalCase(title, "R-1")).isEqualTo(name);
  }
}
