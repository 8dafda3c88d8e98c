package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestYamlTest {
  private final ManifestYaml yaml = new ManifestYaml();

  /** Strings a YAML 1.1 reader or kustomize's go-yaml would take for something else when plain. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "true",
        "yes",
        "on",
        "y",
        "N",
        "null",
        "~",
        "",
        "8080",
        "0123",
        "1.5",
        "1e3",
        "1e-06",
        "1e+21",
        "5e-324",
        "1.23456789125e+08",
        ".5",
        ".inf",
        "-.Inf",
        ".NaN",
        "0x1F",
        "0o17",
        "0b101",
        "1_000",
        "1:20",
        "2024-01-01",
        "2024-1-2",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10",
        "<<",
        "+12",
        "-0.5"
      })
  void quotesStringsReadersWouldTakeForAnotherType(String value) {
    ObjectNode object = JsonNodeFactory.instance.objectNode().put("value", value).put(value, "key");
    String written = yaml.write(object);
    JsonNode read = yaml.readObject(written, "test");
    assertThat(read.get("value").isTextual()).as(written).isTrue();
    assertThat(read.get("value").asText()).isEqualTo(value);
    assertThat(written).as(written).contains("value: \"");
    if (!value.isEmpty()) {
      assertThat(written).as(written).contains("\"" + value + "\": key");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "v1.2.3", "0.9_build", "hello world", "app.kubernetes.io/name"})
  void writesOtherStringsPlain(String value) {
    String written = yaml.write(JsonNodeFactory.instance.objectNode().put("value", value));
    assertThat(written).isEqualTo("value: " + value + "\n");
  }

  @Test
  void readsADocumentThatIsAListAsOneDocument() {
    List<JsonNode> documents =
        yaml.readAll("- op: add\n  path: /a\n  value: 1\n- op: remove\n  path: /b\n", "patch");
    assertThat(documents).hasSize(1);
    assertThat(documents.get(0).isArray()).isTrue();
    assertThat(documents.get(0)).hasSize(2);
  }

  @Test
  void readsEveryDocumentOfAStream() {
    List<JsonNode> documents = yaml.readAll("a: 1\n---\n---\nb: 2\n", "stream");
    assertThat(documents).hasSize(2);
  }

  @Test
  void writesFloatsAsKustomizeAndAWholeNumberBeyondALongWithoutWrappingAround() {
    JsonNode read =
        yaml.readAll("a: 1e21\nb: 1.0e+20\nc: 2.50\nd: 3.0\ne: 123456789012345678901234\n", "n")
            .get(0);
    assertThat(yaml.write(read))
        .isEqualTo("a: 1e+21\nb: 1e+20\nc: 2.5\nd: 3\ne: 123456789012345678901234\n");
  }
}
