package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the finding objects of the gate (policies/README.md, "A finding") into {@link Finding}s.
 */
final class GateFindings {
  /** The kind findings about a whole environment (all object fields empty) are filed under. */
  static final String ENVIRONMENT_KIND = "Environment";

  private GateFindings() {}

  /**
   * One finding of {@code environment}.
   *
   * @throws PolicyException when the object lacks the rule or carries an unknown severity
   */
  static Finding finding(JsonNode result, String environment) {
    String rule = text(result, "rule");
    if (rule.isBlank()) {
      rule = text(result, "policy");
    }
    if (rule.isBlank()) {
      throw new PolicyException(
          "a finding of environment " + environment + " names no rule and no policy: " + result);
    }
    Severity severity;
    try {
      severity = Severity.parse(text(result, "severity"));
    } catch (IllegalArgumentException e) {
      throw new PolicyException(
          "finding of rule " + rule + " in environment " + environment + ": " + e.getMessage(), e);
    }
    return Finding.of(
        rule, severity, text(result, "msg"), environment, object(result, environment));
  }

  private static ObjectRef object(JsonNode result, String environment) {
    JsonNode object = result.path("object");
    String kind = text(object, "kind");
    String name = text(object, "name");
    if (kind.isBlank() || name.isBlank()) {
      return new ObjectRef(null, ENVIRONMENT_KIND, null, environment);
    }
    return new ObjectRef(text(object, "apiVersion"), kind, text(object, "namespace"), name);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? "" : value.asText();
  }
}
