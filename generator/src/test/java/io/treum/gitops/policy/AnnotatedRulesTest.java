package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue of user rules from {@code opa inspect --annotations --format json}. */
class AnnotatedRulesTest {
  /** One annotation as opa inspect prints it, on the rule at {@code policy}, line {@code row}. */
  static String annotation(String policy, int row, String fields) {
    List<String> segments = new ArrayList<>();
    String[] names = policy.split("\\.");
    segments.add("{\"type\": \"var\", \"value\": \"" + names[0] + "\"}");
    Arrays.stream(names)
        .skip(1)
        .forEach(n -> segments.add("{\"type\": \"string\", \"value\": \"" + n + "\"}"));
    return "{\"annotations\": "
        + fields
        + ", \"location\": {\"file\": \"user/0/policy.rego\", \"row\": "
        + row
        + ", \"col\": 1}, \"path\": ["
        + String.join(", ", segments)
        + "]}";
  }

  static RuleCatalogue catalogue(String... annotations) {
    return AnnotatedRules.catalogue(
        "{\"namespaces\": {}, \"annotations\": [" + String.join(", ", annotations) + "]}",
        file -> file.replace("user/0/", "/repo/policy/"),
        "# METADATA of /repo/policy");
  }

  @Test
  void anIdWithEveryFieldDescribesTheRule() {
    RuleCatalogue catalogue =
        catalogue(
            annotation(
                "data.treum.resource.acme.deny_privileged",
                9,
                """
                {"scope": "document", "title": "No privileged containers",
                 "custom": {"id": "ACME-SEC-001", "severity": "error",
                            "remediation": "Drop it.", "waivable": false}}
                """));

    assertThat(catalogue.rules())
        .containsExactly(
            new Rule(
                "ACME-SEC-001", "No privileged containers", Severity.ERROR, "Drop it.", false));
  }

  @Test
  void missingFieldsDefaultFromTheIdAndTheRuleName() {
    RuleCatalogue catalogue =
        catalogue(
            annotation("data.main.warn_probe", 3, "{\"custom\": {\"id\": \"ACME-REL-001\"}}"),
            annotation(
                "data.treum.cross.acme.warn_spread",
                7,
                "{\"custom\": {\"id\": \"ACME-AZ-001\", \"severity\": \"info\"}}"));

    assertThat(catalogue.rules())
        .containsExactly(
            new Rule("ACME-AZ-001", "ACME-AZ-001", Severity.INFO, "", true),
            new Rule("ACME-REL-001", "ACME-REL-001", Severity.WARNING, "", true));
  }

  @Test
  void aTitleWithoutAnIdDocumentsTheRuleUnderItsDataPath() {
    RuleCatalogue catalogue =
        catalogue(
            annotation("data.main.deny", 3, "{\"title\": \"Do not run as root\"}"),
            annotation("data.main.deny", 12, "{\"title\": \"Do not run as root\"}"),
            annotation("data.main.warn", 20, "{\"title\": \"One title\"}"),
            annotation("data.main.warn", 25, "{\"title\": \"Another title\"}"),
            annotation("data.main", 1, "{\"title\": \"The package\", \"scope\": \"package\"}"));

    // the two warn definitions disagree, so warn stays undocumented
    assertThat(catalogue.rules())
        .containsExactly(
            new Rule("data.main.deny", "Do not run as root", Severity.ERROR, "", true));
  }

  @Test
  void theSameIdOnEveryDefinitionOfARuleIsOneRule() {
    String fields = "{\"title\": \"T\", \"custom\": {\"id\": \"ACME-1\"}}";

    assertThat(
            catalogue(
                    annotation("data.main.deny_x", 3, fields),
                    annotation("data.main.deny_x", 9, fields))
                .rules())
        .hasSize(1);
  }

  @Test
  void anIdOnTwoRulesOrWithTwoDescriptionsIsRefused() {
    assertThatThrownBy(
            () ->
                catalogue(
                    annotation("data.main.deny_x", 3, "{\"custom\": {\"id\": \"ACME-1\"}}"),
                    annotation("data.main.deny_y", 9, "{\"custom\": {\"id\": \"ACME-1\"}}")))
        .isInstanceOf(PolicyInputException.class)
        .hasMessage(
            "/repo/policy/policy.rego:9: rule id ACME-1 is also declared at"
                + " /repo/policy/policy.rego:3 on data.main.deny_x: give each rule its own id");
    assertThatThrownBy(
            () ->
                catalogue(
                    annotation(
                        "data.main.deny_x",
                        3,
                        "{\"title\": \"A\", \"custom\": {\"id\": \"ACME-1\"}}"),
                    annotation(
                        "data.main.deny_x",
                        9,
                        "{\"title\": \"B\", \"custom\": {\"id\": \"ACME-1\"}}")))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("with other metadata: annotate the rule once with scope: document");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "data.main.helper | rule id ACME-1 is on data.main.helper, which the gate does not evaluate",
        "data.acme.deny | rule id ACME-1 is on data.acme.deny, which the gate does not evaluate",
        "data.treum.resource.acme | rule id ACME-1 is on data.treum.resource.acme, which the gate",
        "data.treum.lib.acme.deny | rule id ACME-1 is on data.treum.lib.acme.deny, which the gate",
      })
  void anIdOnSomethingTheGateDoesNotEvaluateIsRefused(String policy, String message) {
    assertThatThrownBy(() -> catalogue(annotation(policy, 4, "{\"custom\": {\"id\": \"ACME-1\"}}")))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageStartingWith("/repo/policy/policy.rego:4: " + message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\": 7} | custom.id must be a non-empty string, not 7",
        "{\"id\": \"ACME 1\"} | rule id 'ACME 1' must not contain whitespace",
        "{\"id\": \"ACME-1\", \"severity\": \"warning\"} | custom.severity warning does not fit the rule name deny_x",
        "{\"id\": \"ACME-1\", \"severity\": \"fatal\"} | custom.severity: unknown severity 'fatal'",
        "{\"id\": \"ACME-1\", \"remediation\": [\"a\"]} | custom.remediation must be a string",
        "{\"id\": \"ACME-1\", \"waivable\": \"no\"} | custom.waivable must be true or false",
      })
  void invalidCustomFieldsAreRefusedAtTheirLine(String custom, String message) {
    assertThatThrownBy(
            () -> catalogue(annotation("data.main.deny_x", 5, "{\"custom\": " + custom + "}")))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageStartingWith("/repo/policy/policy.rego:5: " + message);
  }

  @Test
  void treumsReservedIdsAreRefused() {
    assertThatThrownBy(
            () ->
                catalogue(
                    annotation(
                        "data.main.deny_x", 5, "{\"custom\": {\"id\": \"TREUM-WAIVER-9\"}}")))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageContaining("# METADATA of /repo/policy: rule id TREUM-WAIVER-9 is reserved");
  }

  @Test
  void noAnnotationsIsAnEmptyCatalogue() {
    assertThat(AnnotatedRules.catalogue("{\"namespaces\": {}}", f -> f, "x").size()).isZero();
  }
}
