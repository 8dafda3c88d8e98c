package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the text of a patch is read, as Kustomize's patch transformers read it; the trees of {@code
 * kustomize-corpus/patch-text-decoding} and the {@code patch-*} refusals check the same against the
 * real kustomize.
 */
class PatchDecoderTest {
  private final PatchDecoder decoder = new PatchDecoder(new ManifestYaml());

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a JSON 6902 list | - {op: add, path: /a, value: 1} | false | true",
        "strict JSON | [{\"op\": \"add\", \"path\": \"/a\", \"value\": 1}] | false | true",
        "an indented list in a file | '  - op: add\n    path: /a\n    value: 1' | false | true",
        "a strategic-merge patch | '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}' | true"
            + " | false",
        "a List of strategic-merge patches | '{kind: List, items: [{kind: A, metadata: {name:"
            + " a}}, {kind: B, metadata: {name: b}}]}' | true | false",
      })
  void tellsStrategicMergeFromJson6902(
      String name, String text, boolean strategicMerge, boolean json) {
    PatchDecoder.Decoded decoded = decoder.decode(text, false, "p.yaml");
    assertThat(decoded.isJson6902()).isEqualTo(json);
    if (strategicMerge) {
      assertThat(decoded.strategicMerge()).isNotEmpty();
    } else {
      assertThat(decoded.operations()).isNotEmpty();
    }
  }

  @Test
  void trimsAnInlinePatchSoAnIndentedOneNoLongerReads() {
    String indented = "  - op: add\n    path: /a\n    value: 1\n";
    assertThat(decoder.decode(indented, false, "p.yaml").operations()).hasSize(1);
    assertThatThrownBy(() -> decoder.decode(indented, true, "k.yaml (inline patch)"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith("k.yaml (inline patch): the patch is neither")
        .hasMessageContaining("write the patch flush left");
  }

  @Test
  void readsTextStartingWithABracketAsStrictJson() {
    assertThatThrownBy(() -> decoder.json6902("[{op: add, path: /a}]", "p.yaml"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("strict JSON");
    assertThatThrownBy(() -> decoder.json6902("[{\"op\": \"add\"}] trailing", "p.yaml"))
        .isInstanceOf(KustomizeException.class);
    // with white space first it is YAML, of which JSON is a part
    assertThat(decoder.json6902(" [{op: add, path: /a}]", "p.yaml")).hasSize(1);
  }

  @Test
  void readsYamlOperationsAsGoYamlV2TurnsThemIntoJson() {
    assertThat(
            decoder
                .json6902("- {op: add, path: /a, value: {b: yes, o: 0777, f: 1.0}}\n---\n- x", "p")
                .toString())
        .isEqualTo("[{\"op\":\"add\",\"path\":\"/a\",\"value\":{\"b\":true,\"o\":511,\"f\":1}}]");
    assertThat(decoder.json6902("# nothing\n", "p")).isNull();
  }

  @Test
  void refusesOperationsThatExpandAliasesBeyondTreumsLimit() {
    // 24 levels of two aliases each: within SnakeYAML's alias count, 2^24 nodes expanded
    StringBuilder text = new StringBuilder("- &l0 [x, x]\n");
    for (int level = 1; level < 25; level++) {
      text.append("- &l").append(level).append(" [*l").append(level - 1);
      text.append(", *l").append(level - 1).append("]\n");
    }
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> decoder.json6902(text.toString(), "p.yaml"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("p.yaml"));
  }

  @Test
  void trimsWhatGoCallsWhiteSpace() {
    assertThat(GoSpace.trim("\u00A0\t\n x \u3000\r\n")).isEqualTo("x");
    assertThat(GoSpace.trim(" \n ")).isEmpty();
  }
}
