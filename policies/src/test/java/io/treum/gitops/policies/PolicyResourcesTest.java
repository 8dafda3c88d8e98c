package io.treum.gitops.policies;

import static io.treum.gitops.policies.PolicyResources.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the treum-policies jar carries for the engine: Wasm, catalogue, capabilities, Rego. */
class PolicyResourcesTest {
  @Test
  void carriesTheCompiledPolicy() {
    byte[] wasm = PolicyResources.bytes("policy.wasm");

    assertThat(wasm).startsWith(0x00, 'a', 's', 'm');
  }

  @Test
  void carriesTheRegoSources() throws IOException {
    List<String> sources = new ArrayList<>();
    Path root = Path.of("src/main/rego");
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(file -> file.toString().endsWith(".rego"))
          .forEach(file -> sources.add(root.relativize(file).toString().replace('\\', '/')));
    }

    assertThat(sources).hasSizeGreaterThan(10);
    for (String source : sources) {
      assertThat(PolicyResources.text("rego/" + source))
          .isEqualTo(Files.readString(root.resolve(source)));
    }
  }

  @Test
  void carriesACatalogueEntryPerRule() {
    JsonNode rules = json(PolicyResources.text("rules.json")).get("rules");

    assertThat(rules.size()).isGreaterThanOrEqualTo(25);
    Set<String> ids = new HashSet<>();
    for (JsonNode rule : rules) {
      assertThat(rule.get("id").asText()).matches("TREUM-[A-Z]+-[0-9]{3}");
      assertThat(ids.add(rule.get("id").asText())).as("unique id %s", rule.get("id")).isTrue();
      assertThat(rule.get("title").asText()).isNotBlank();
      assertThat(rule.get("remediation").asText()).isNotBlank();
      assertThat(rule.get("severity").asText()).isIn("error", "warning", "info");
      assertThat(rule.get("waivable").isBoolean()).isTrue();
      assertThat(rule.get("policy").asText()).startsWith("data.treum.");
    }
  }

  @Test
  void carriesTheRuntimeCapabilities() {
    JsonNode capabilities = json(PolicyResources.text("capabilities.json"));

    Set<String> builtins = new HashSet<>();
    capabilities.get("builtins").forEach(builtin -> builtins.add(builtin.get("name").asText()));
    assertThat(builtins)
        .contains("count", "regex.match", "sprintf", "yaml.unmarshal", "rego.metadata.chain")
        .doesNotContain("units.parse_bytes", "time.now_ns", "http.send", "semver.compare");
    assertThat(capabilities.get("wasm_abi_versions").size()).isPositive();
  }
}
