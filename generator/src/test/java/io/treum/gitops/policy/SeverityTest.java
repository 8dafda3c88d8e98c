package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "deny, ERROR",
    "deny_latest_tag, ERROR",
    "violation, ERROR",
    "violation_no_probe, ERROR",
    "warn, WARNING",
    "warn_cost_labels, WARNING",
  })
  void conftestRuleNamesGiveTheirSeverity(String rule, Severity expected) {
    assertThat(Severity.ofConftestRule(rule)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exception", "allow", "denied", "warning", "", "Deny"})
  void otherRuleNamesYieldNoFindings(String rule) {
    assertThatThrownBy(() -> Severity.ofConftestRule(rule))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + rule + "'")
        .hasMessageContaining("deny, violation or warn");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "error, ERROR",
    "ERROR, ERROR",
    "' Warning ', WARNING",
    "info, INFO",
    "deny, ERROR",
    "violation, ERROR",
    "warn, WARNING",
  })
  void metadataSeveritiesParse(String value, Severity expected) {
    assertThat(Severity.parse(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fatal", "note", "", "critical"})
  void unknownSeveritiesAreNamed(String value) {
    assertThatThrownBy(() -> Severity.parse(value))
        .hasMessageContaining("'" + value + "'")
        .hasMessageContaining("error, warning or info");
  }

  @ParameterizedTest(name = "{0}: {1}, SARIF {2}")
  @CsvSource({"ERROR, error, error", "WARNING, warning, warning", "INFO, info, note"})
  void labelsAndSarifLevels(Severity severity, String label, String sarif) {
    assertThat(severity.label()).isEqualTo(label);
    assertThat(severity.sarifLevel()).isEqualTo(sarif);
  }
}
