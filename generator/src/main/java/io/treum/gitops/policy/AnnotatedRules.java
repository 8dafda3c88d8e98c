package io.treum.gitops.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The rule catalogue of user Rego from its {@code # METADATA}, read from {@code opa inspect
 * --annotations --format json}: the extraction policies/tools/regenerate.sh does for TREUM's rules,
 * with defaults where TREUM's build is strict.
 *
 * <ul>
 *   <li>An annotation with {@code custom.id} describes the rule with that id (results must carry it
 *       as {@code rule}, as {@code treum.lib.result.resource(rego.metadata.chain(), msg)} and
 *       {@code treum.lib.result.resource_rule(id, severity, msg)} do). It must be on a rule the
 *       gate evaluates. Its {@code title} defaults to the id, {@code custom.severity} to the rule
 *       name's ({@code deny}/{@code violation}: error, {@code warn}: warning) and must fit the
 *       name, {@code custom.remediation} to none, {@code custom.waivable} to true.
 *   <li>An annotation without an id but with a {@code title} documents the rule under its data path
 *       ({@code data.main.deny_privileged}), the id of results that carry none — so plain conftest
 *       rules get their title into reports. When the definitions of such a rule are annotated
 *       differently it stays undocumented.
 *   <li>Rules without metadata are {@link Rule#undocumented} when they report.
 * </ul>
 */
final class AnnotatedRules {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // the gate's rule names (conftest's), policies/src/main/rego/treum/gate/gate.rego
  private static final Pattern FAILURE = Pattern.compile("^(deny|violation)(_[a-zA-Z0-9]+)*$");
  private static final Pattern WARNING = Pattern.compile("^warn(_[a-zA-Z0-9]+)*$");

  private AnnotatedRules() {}

  /** A rule as one annotation describes it, and where. */
  private record Described(Rule rule, String policy, String location) {}

  /**
   * The catalogue of the annotated rules.
   *
   * @param inspectJson what {@code opa inspect --annotations --format json} printed
   * @param origin turns a file name of the inspected folder into the user's name for it
   * @param source names the policies in messages
   * @throws PolicyInputException naming the file and line of an annotation that cannot be used
   */
  static RuleCatalogue catalogue(String inspectJson, UnaryOperator<String> origin, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(inspectJson);
    } catch (JsonProcessingException e) {
      throw new PolicyException("opa inspect printed invalid JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, Described> byId = new LinkedHashMap<>();
    Map<String, List<Described>> byPolicy = new LinkedHashMap<>();
    for (JsonNode annotation : root.path("annotations")) {
      String location =
          origin.apply(annotation.path("location").path("file").asText())
              + ":"
              + annotation.path("location").path("row").asInt();
      List<String> path = new ArrayList<>();
      annotation.path("path").forEach(segment -> path.add(segment.path("value").asText()));
      String policy = String.join(".", path);
      JsonNode fields = annotation.path("annotations");
      JsonNode id = fields.path("custom").path("id");
      if (!id.isMissingNode() && !id.isNull()) {
        if (!id.isTextual() || id.asText().isBlank()) {
          throw invalid(location, "custom.id must be a non-empty string, not " + id);
        }
        if (!evaluated(path)) {
          throw invalid(
              location,
              "rule id "
                  + id.asText()
                  + " is on "
                  + policy
                  + ", which the gate does not evaluate: it runs deny/violation/warn[_suffix] rules"
                  + " of the packages main, treum.resource.<name> and treum.cross.<name>");
        }
        Described described =
            new Described(rule(id.asText(), fields, path, location), policy, location);
        Described earlier = byId.putIfAbsent(id.asText(), described);
        if (earlier != null
            && !(earlier.policy().equals(policy) && earlier.rule().equals(described.rule()))) {
          throw invalid(
              location,
              "rule id "
                  + id.asText()
                  + " is also declared at "
                  + earlier.location()
                  + (earlier.policy().equals(policy)
                      ? " with other metadata: annotate the rule once with scope: document"
                      : " on " + earlier.policy() + ": give each rule its own id"));
        }
      } else if (evaluated(path) && fields.path("title").isTextual()) {
        byPolicy
            .computeIfAbsent(policy, p -> new ArrayList<>())
            .add(new Described(rule(policy, fields, path, location), policy, location));
      }
    }
    List<Rule> rules = new ArrayList<>();
    byId.values().forEach(d -> rules.add(d.rule()));
    for (List<Described> definitions : byPolicy.values()) {
      if (definitions.stream().map(Described::rule).distinct().count() == 1) {
        rules.add(definitions.get(0).rule());
      }
    }
    try {
      return RuleCatalogue.of(rules, source);
    } catch (RuleCatalogueException e) {
      throw new PolicyInputException(e.getMessage(), e);
    }
  }

  private static Rule rule(String id, JsonNode fields, List<String> path, String location) {
    JsonNode custom = fields.path("custom");
    String title = fields.path("title").isTextual() ? fields.path("title").asText().strip() : "";
    Severity byName = Severity.ofConftestRule(path.get(path.size() - 1));
    Severity severity = byName;
    JsonNode declared = custom.path("severity");
    if (!declared.isMissingNode()) {
      try {
        severity = Severity.parse(declared.isTextual() ? declared.asText() : declared.toString());
      } catch (IllegalArgumentException e) {
        throw invalid(location, "custom.severity: " + e.getMessage());
      }
      if ((severity == Severity.ERROR) != (byName == Severity.ERROR)) {
        throw invalid(
            location,
            "custom.severity "
                + severity.label()
                + " does not fit the rule name "
                + path.get(path.size() - 1)
                + " (deny/violation rules are errors, warn rules warnings or info)");
      }
    }
    JsonNode remediation = custom.path("remediation");
    if (!remediation.isMissingNode() && !remediation.isTextual()) {
      throw invalid(location, "custom.remediation must be a string");
    }
    JsonNode waivable = custom.path("waivable");
    if (!waivable.isMissingNode() && !waivable.isBoolean()) {
      throw invalid(location, "custom.waivable must be true or false");
    }
    try {
      return new Rule(
          id,
          title.isEmpty() ? id : title,
          severity,
          remediation.asText(""),
          waivable.isMissingNode() || waivable.asBoolean());
    } catch (IllegalArgumentException e) {
      throw invalid(location, e.getMessage());
    }
  }

  /**
   * Whether the gate evaluates the rule at this data path: {@code data.main.<rule>}, {@code
   * data.treum.resource.<pkg>.<rule>}, {@code data.treum.cross.<pkg>.<rule>}.
   */
  static boolean evaluated(List<String> path) {
    Objects.requireNonNull(path, "path");
    boolean inMain = path.size() == 3 && path.get(0).equals("data") && path.get(1).equals("main");
    boolean inTreum =
        path.size() == 5
            && path.get(0).equals("data")
            && path.get(1).equals("treum")
            && (path.get(2).equals("resource") || path.get(2).equals("cross"));
    if (!inMain && !inTreum) {
      return false;
    }
    String name = path.get(path.size() - 1);
    return FAILURE.matcher(name).matches() || WARNING.matcher(name).matches();
  }

  private static PolicyInputException invalid(String location, String problem) {
    return new PolicyInputException(location + ": " + problem);
  }
}
