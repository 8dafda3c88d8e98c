package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleCatalogueTest {

  static final String CATALOGUE =
      """
      [
        {"id": "TREUM-SEC-004", "title": "No privileged containers", "severity": "deny",
         "remediation": "Drop privileged: true.", "waivable": false},
        {"id": "TREUM-IMG-001", "title": "Images come from the private ECR", "severity": "error",
         "remediation": "Push the image to ECR.", "waivable": true},
        {"id": "TREUM-REL-001", "title": "Readiness probes", "severity": "warn"}
      ]
      """;

  @Test
  void readsRulesSortedById() {
    RuleCatalogue catalogue = RuleCatalogue.read(CATALOGUE, "rules.json");
    assertThat(catalogue.rules())
        .containsExactly(
            new Rule(
                "TREUM-IMG-001",
                "Images come from the private ECR",
                Severity.ERROR,
                "Push the image to ECR.",
                true),
            new Rule("TREUM-REL-001", "Readiness probes", Severity.WARNING, "", true),
            new Rule(
                "TREUM-SEC-004",
                "No privileged containers",
                Severity.ERROR,
                "Drop privileged: true.",
                false));
    assertThat(catalogue.size()).isEqualTo(3);
  }

  @Test
  void knowsTheWaiverRulesAndStandsInForUndocumentedOnes() {
    RuleCatalogue catalogue = RuleCatalogue.read(CATALOGUE, "rules.json");
    assertThat(catalogue.find("TREUM-WAIVER-EXPIRED")).contains(WaiverRules.EXPIRED);
    assertThat(RuleCatalogue.empty().find("TREUM-WAIVER-UNUSED")).contains(WaiverRules.UNUSED);
    assertThat(catalogue.ruleFor("main.deny", Severity.WARNING))
        .isEqualTo(new Rule("main.deny", "main.deny", Severity.WARNING, "", true));
    assertThat(catalogue.isWaivable("TREUM-SEC-004")).isFalse();
    assertThat(catalogue.isWaivable("TREUM-IMG-001")).isTrue();
    assertThat(catalogue.isWaivable("main.deny")).isTrue();
    assertThat(catalogue.isWaivable("TREUM-WAIVER-FORBIDDEN")).isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"id": "X"}                                                   | rules.json: a rule catalogue is a JSON list
          [{"id": "A", "title": "t", "severity": "error"},]             | rules.json: not valid JSON
          [{"id": "A", "id": "B", "title": "t", "severity": "error"}]   | rules.json: not valid JSON: Duplicate field 'id'
          ["A"]                                                         | rules.json: rule 1: expected an object
          [{"title": "t", "severity": "error"}]                         | rules.json: rule 1: missing 'id'
          [{"id": "A", "severity": "error"}]                            | rules.json: rule 1 (A): missing 'title'
          [{"id": "A", "title": "t"}]                                   | rules.json: rule 1 (A): missing 'severity'
          [{"id": "A", "title": "t", "severity": "fatal"}]              | rules.json: rule 1 (A): unknown severity 'fatal'
          [{"id": "A", "title": " ", "severity": "error"}]              | rules.json: rule 1 (A): 'title' must be a non-empty string
          [{"id": 7, "title": "t", "severity": "error"}]                | rules.json: rule 1: 'id' must be a non-empty string
          [{"id": "A B", "title": "t", "severity": "error"}]            | rules.json: rule 1 (A B): rule id 'A B' must not contain whitespace
          [{"id": "A", "title": "t", "severity": "error", "waiveable": false}] | rules.json: rule 1 (A): unknown field 'waiveable'; allowed: id, title, severity, remediation, waivable
          [{"id": "A", "title": "t", "severity": "error", "waivable": "no"}]  | rules.json: rule 1 (A): 'waivable' must be true or false
          [{"id": "A", "title": "t", "severity": "error", "remediation": 1}]  | rules.json: rule 1 (A): 'remediation' must be a string
          [{"id": "A", "title": "t", "severity": "error"}, {"id": "A", "title": "u", "severity": "warn"}] | rules.json: rule id A is defined twice
          [{"id": "TREUM-WAIVER-EXPIRED", "title": "t", "severity": "error"}] | rules.json: rule id TREUM-WAIVER-EXPIRED is reserved
          """)
  void invalidCataloguesAreNamedWithTheRule(String json, String message) {
    assertThatThrownBy(() -> RuleCatalogue.read(json, "rules.json"))
        .isInstanceOf(RuleCatalogueException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void anEmptyTextIsNotACatalogue() {
    assertThatThrownBy(() -> RuleCatalogue.read("", "rules.json"))
        .isInstanceOf(RuleCatalogueException.class)
        .hasMessageContaining("JSON list");
  }

  @Test
  void cataloguesCombineButNeverRedefineARule() {
    RuleCatalogue bundled = RuleCatalogue.read(CATALOGUE, "treum-policies.jar!/rules.json");
    RuleCatalogue user =
        RuleCatalogue.of(List.of(new Rule("ACME-001", "Acme labels", Severity.WARNING, "", true)));
    assertThat(bundled.with(user).rules()).extracting(Rule::id).first().isEqualTo("ACME-001");
    RuleCatalogue clash =
        RuleCatalogue.read(
            "[{\"id\": \"TREUM-IMG-001\", \"title\": \"t\", \"severity\": \"error\"}]",
            "policies/acme/rules.json");
    assertThatThrownBy(() -> bundled.with(clash))
        .isInstanceOf(RuleCatalogueException.class)
        .hasMessageContaining("TREUM-IMG-001")
        .hasMessageContaining("treum-policies.jar!/rules.json")
        .hasMessageContaining("policies/acme/rules.json");
  }

  @Test
  void readsAFileAndNamesAMissingOne(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("rules.json"), CATALOGUE);
    assertThat(RuleCatalogue.read(file).size()).isEqualTo(3);
    assertThatThrownBy(() -> RuleCatalogue.read(dir.resolve("missing.json")))
        .isInstanceOf(RuleCatalogueException.class)
        .hasMessageContaining("missing.json")
        .hasMessageContaining("no such rule catalogue");
  }
}
