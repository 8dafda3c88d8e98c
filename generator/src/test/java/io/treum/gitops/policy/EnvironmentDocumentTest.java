package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's document against the examples of treum-policies, whose quantity tables, summaries
 * and golden findings opa produced: the document built in Java from the same objects is the same
 * input, and the Wasm engine finds exactly the golden findings in it.
 */
class EnvironmentDocumentTest {
  private static final Path EXAMPLES = Path.of("../policies/src/test/resources/examples");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static WasmPolicyEngine engine;

  @BeforeAll
  static void loadEngine() {
    engine =
        new WasmPolicyEngine(
            PolicySet.bundled(EnvironmentDocumentTest.class.getClassLoader()).modules());
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform-production", "platform-dr", "noncompliant"})
  void theDocumentIsTheExamplesInputAndYieldsItsGoldenFindings(String example) throws IOException {
    JsonNode input = JSON.readTree(Files.readString(EXAMPLES.resolve(example + "/input.json")));
    EnvironmentProfile profile = profile(input.get("environment"));
    List<ObjectNode> objects = objects(input.at("/environment/objects"));
    List<ObjectNode> summaries = new ArrayList<>();
    for (JsonNode environment : input.get("environments")) {
      summaries.add(
          EnvironmentDocument.summary(profile(environment), objects(environment.get("objects"))));
    }
    Instant now = Instant.ofEpochSecond(input.at("/now/unix").asLong());

    String document = EnvironmentDocument.json(profile, objects, summaries, now);

    JsonNode built = JSON.readTree(document);
    // the examples' tables were cut down by hand in places; the engine's holds every quantity
    JsonNode quantities = CanonicalJson.sorted(built.get("quantities"));
    input
        .get("quantities")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(quantities.get(e.getKey()))
                    .as(e.getKey())
                    .isEqualTo(CanonicalJson.sorted(e.getValue())));
    assertThat(CanonicalJson.sorted(built.get("environments")))
        .isEqualTo(CanonicalJson.sorted(input.get("environments")));
    assertThat(built.get("now")).isEqualTo(input.get("now"));
    assertThat(CanonicalJson.sorted(built.get("environment")))
        .isEqualTo(CanonicalJson.sorted(input.get("environment")));

    GateReport report = engine.evaluate(profile.name(), document);

    JsonNode expected =
        JSON.readTree(Files.readString(EXAMPLES.resolve(example + "/expected.json")))
            .at("/expected/findings");
    assertThat(canonical(report.findings())).isEqualTo(canonical(expected));
    assertThat(report.objects()).isEqualTo(objects.size());
  }

  @Test
  void subjectsLimitTheSingleResourceFindingsToTheObjectsNamed() throws IOException {
    JsonNode input = JSON.readTree(Files.readString(EXAMPLES.resolve("noncompliant/input.json")));
    EnvironmentProfile profile = profile(input.get("environment"));
    List<ObjectNode> objects = objects(input.at("/environment/objects"));
    List<ObjectNode> summaries =
        List.of(EnvironmentDocument.summary(profile, objects(input.at("/environment/objects"))));
    Instant now = Instant.ofEpochSecond(input.at("/now/unix").asLong());

    GateReport all =
        engine.evaluate(profile.name(), EnvironmentDocument.json(profile, objects, summaries, now));
    GateReport none =
        engine.evaluate(
            profile.name(), EnvironmentDocument.json(profile, objects, summaries, now, List.of()));

    Set<String> singleResource = policies(all, "data.treum.resource.");
    assertThat(singleResource).isNotEmpty();
    assertThat(policies(none, "data.treum.resource.")).isEmpty();
    assertThat(policies(none, "data.treum.cross.")).isEqualTo(policies(all, "data.treum.cross."));
    assertThatThrownBy(
            () ->
                EnvironmentDocument.json(profile, objects, summaries, now, List.of(objects.size())))
        .hasMessageContaining("is not one of the " + objects.size() + " objects");
  }

  private static Set<String> policies(GateReport report, String prefix) {
    Set<String> policies = new HashSet<>();
    report.findings().forEach(f -> policies.add(f.get("policy").asText()));
    policies.removeIf(p -> !p.startsWith(prefix));
    return policies;
  }

  private static EnvironmentProfile profile(JsonNode environment) {
    return new EnvironmentProfile(
        environment.get("name").asText(),
        environment.path("role").asText("primary"),
        environment.path("region").asText(""),
        (ObjectNode) environment.get("parameters"));
  }

  private static List<ObjectNode> objects(JsonNode list) {
    List<ObjectNode> objects = new ArrayList<>();
    list.forEach(o -> objects.add((ObjectNode) o));
    return objects;
  }

  private static Set<JsonNode> canonical(Iterable<JsonNode> findings) {
    Set<JsonNode> set = new HashSet<>();
    findings.forEach(f -> set.add(CanonicalJson.sorted(f)));
    return set;
  }
}
