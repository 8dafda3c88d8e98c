package io.treum.gitops.policies;

import static io.treum.gitops.policies.PolicyResources.asSet;
import static io.treum.gitops.policies.PolicyResources.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.styra.opa.wasm.OpaPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of policies/README.md, run on the committed policy.wasm with the runtime the engine
 * uses (opa-java-wasm): the golden findings of every example (which opa itself produced) come out
 * of the Wasm engine too, whether the environment arrives as input or as data, and the report
 * covers exactly the catalogue's rules.
 */
class CompiledPolicyContractTest {
  private static final Path EXAMPLES = Path.of("src/test/resources/examples");

  /** Building a policy compiles the module (about a second); one instance serves the class. */
  private static OpaPolicy policy;

  @BeforeAll
  static void loadPolicy() {
    policy = OpaPolicy.builder().withPolicy(PolicyResources.bytes("policy.wasm")).build();
  }

  static List<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(Files::isDirectory)
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void exposesTheTwoGateEntrypoints() {
    assertThat(policy.entrypoints().keySet())
        .containsExactlyInAnyOrder("treum/gate/findings", "treum/gate/report");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void findingsFromInputEqualTheGoldenFindings(String example) throws IOException {
    policy.data("{}");

    JsonNode findings = evaluate("treum/gate/findings", input(example));

    assertThat(asSet(findings)).isEqualTo(asSet(expected(example)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void findingsFromDataEqualTheGoldenFindings(String example) throws IOException {
    policy.data("{\"treum\": " + input(example) + "}");
    try {
      JsonNode findings = evaluate("treum/gate/findings", "null");

      assertThat(asSet(findings)).isEqualTo(asSet(expected(example)));
    } finally {
      policy.data("{}");
    }
  }

  @Test
  void reportListsEveryCatalogueRuleAndCountsObjects() throws IOException {
    policy.data("{}");

    JsonNode report = evaluate("treum/gate/report", input("noncompliant"));

    Set<String> evaluated = new HashSet<>();
    report.get("rules").forEach(rule -> evaluated.add(rule.asText()));
    Set<String> catalogued = new HashSet<>();
    catalogue().forEach(rule -> catalogued.add(rule.get("policy").asText()));
    assertThat(evaluated).isEqualTo(catalogued);
    assertThat(report.get("objects").asInt())
        .isEqualTo(json(input("noncompliant")).at("/environment/objects").size());
    assertThat(asSet(report.get("findings"))).isEqualTo(asSet(expected("noncompliant")));
    assertThat(report.get("exceptions").size()).isZero();
  }

  @Test
  void findingsNameCatalogueRulesWithTheirSeverity() throws IOException {
    policy.data("{}");
    Set<String> catalogued = new HashSet<>();
    catalogue()
        .forEach(
            rule -> catalogued.add(rule.get("id").asText() + " " + rule.get("severity").asText()));

    JsonNode findings = evaluate("treum/gate/findings", input("noncompliant"));

    assertThat(findings.size()).isPositive();
    findings.forEach(
        finding ->
            assertThat(catalogued)
                .contains(finding.get("rule").asText() + " " + finding.get("severity").asText()));
  }

  @Test
  void anEmptyEnvironmentHasNoFindingsAndNoObjects() {
    policy.data("{}");

    JsonNode report =
        evaluate("treum/gate/report", "{\"environment\": {\"name\": \"empty\", \"objects\": []}}");

    assertThat(report.get("findings").size()).isZero();
    assertThat(report.get("objects").asInt()).isZero();
    assertThat(report.get("rules").size()).isEqualTo(catalogue().size());
  }

  private static JsonNode evaluate(String entrypoint, String input) {
    JsonNode results = json(policy.entrypoint(entrypoint).evaluate(input));
    assertThat(results.size()).as("result sets of %s", entrypoint).isEqualTo(1);
    return results.get(0).get("result");
  }

  private static String input(String example) throws IOException {
    return Files.readString(EXAMPLES.resolve(example).resolve("input.json"));
  }

  private static JsonNode expected(String example) throws IOException {
    return json(Files.readString(EXAMPLES.resolve(example).resolve("expected.json")))
        .at("/expected/findings");
  }

  private static JsonNode catalogue() {
    return json(PolicyResources.text("rules.json")).get("rules");
  }
}
