package io.treum.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.policy.Finding;
import io.treum.gitops.policy.ObjectRef;
import io.treum.gitops.policy.Severity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FindingCountsTest {
  /** conftest -o json: two objects with CAP-001, a cross-resource result repeated per document. */
  private static final String CONFTEST =
      """
      [
        {"filename": "", "namespace": "treum.resource.capacity", "successes": 3, "warnings": [
          {"msg": "no capacity type", "metadata": {"rule": "TREUM-CAP-001", "severity": "warning"}},
          {"msg": "no capacity type", "metadata": {"rule": "TREUM-CAP-001", "severity": "warning"}}
        ]},
        {"filename": "", "namespace": "treum.cross.disruption", "successes": 0, "warnings": [
          {"msg": "no host spread", "metadata": {"rule": "TREUM-AZ-002", "severity": "info",
            "object": {"kind": "Deployment", "name": "a"}}},
          {"msg": "no host spread", "metadata": {"rule": "TREUM-AZ-002", "severity": "info",
            "object": {"kind": "Deployment", "name": "a"}}},
          {"msg": "no host spread", "metadata": {"rule": "TREUM-AZ-002", "severity": "info",
            "object": {"kind": "Deployment", "name": "b"}}}
        ]},
        {"filename": "", "namespace": "treum.resource.images", "successes": 2, "failures": [
          {"msg": "latest", "metadata": {"rule": "TREUM-IMG-002", "severity": "error"}}
        ]}
      ]
      """;

  @Test
  void conftestCountsSingleResourceResultsPerObjectAndCrossResultsPerObjectNamed() {
    assertThat(FindingCounts.ofConftest(List.of(CONFTEST, "[]")))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "TREUM-AZ-002 info: no host spread", 2,
                    "TREUM-CAP-001 warning: no capacity type", 2,
                    "TREUM-IMG-002 error: latest", 1)));
    assertThatThrownBy(() -> FindingCounts.ofConftest(List.of("not json")))
        .hasMessageContaining("not JSON");
  }

  @Test
  void treumsFindingsCompareByRuleSeverityAndMessage() {
    List<Finding> findings =
        List.of(
            finding("TREUM-CAP-001", Severity.WARNING, "no capacity type", "a"),
            finding("TREUM-CAP-001", Severity.WARNING, "no capacity type", "b"),
            finding("TREUM-AZ-002", Severity.INFO, "no host spread", "a"));

    assertThat(
            FindingCounts.differences(
                FindingCounts.ofTreum(findings), FindingCounts.ofConftest(List.of(CONFTEST)), 5))
        .containsExactly(
            "TREUM-AZ-002 info: no host spread: treum 1, conftest 2",
            "TREUM-IMG-002 error: latest: treum 0, conftest 1");
    assertThat(
            FindingCounts.differences(
                FindingCounts.ofTreum(findings), FindingCounts.ofConftest(List.of(CONFTEST)), 1))
        .containsExactly(
            "TREUM-AZ-002 info: no host spread: treum 1, conftest 2", "… 1 more differences");
  }

  private static Finding finding(String rule, Severity severity, String message, String name) {
    return Finding.of(
        rule, severity, message, "production", new ObjectRef("apps/v1", "Deployment", "t", name));
  }
}
