package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoNumbersTest {
  private final ManifestYaml yaml = new ManifestYaml();

  /**
   * A JSON 6902 patch's number as Kustomize reads it as text afterwards (an annotation): go-yaml
   * v3's text of the float64 {@code encoding/json} read, checked against kustomize v5.8.1.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "5.0, 5",
    "2.50, 2.5",
    "1e3, 1000",
    "100000, 100000",
    "1000000, 1e+06",
    "123456789, 1.23456789e+08",
    "0.000001, 1e-06",
    "1.0e-5, 1e-05",
    "2e-7, 2e-07",
    "0.002, 0.002",
    "123456789.125, 1.23456789125e+08",
    "1e21, 1e+21",
    "1e23, 1e+23",
    "1.5e300, 1.5e+300",
    "5e-324, 5e-324",
    "282879384806159008, 2.82879384806159e+17",
    "9007199254740993, 9.007199254740992e+15",
  })
  void readsAsTextAfterTheJsonRoundTripAsKustomize(String json, String text) throws IOException {
    ObjectNode object = (ObjectNode) yaml.readJson("{\"value\": " + json + "}");
    GoNumbers.afterJsonRoundTrip(object);
    assertThat(SourceScalars.text(object.get("value"))).isEqualTo(text);
  }

  /** Numbers as Kustomize's output writes them, checked against kustomize v5.8.1. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1.50, 1.5",
    "0.000001, 1e-06",
    "1000000.0, 1000000",
    "123456789.125, 1.23456789125e+08",
    "2.82879384806159E17, 282879384806159000",
    "1e20, 1e+20",
    "1e21, 1e+21",
    "1e23, 1e+23",
    "5.684341886080802E-14, 5.684341886080802e-14",
    "1.5e300, 1.5e+300",
    "5e-324, 5e-324",
    "9223372036854775807, 9223372036854775807",
    "18446744073709551615, 18446744073709551615",
    "18446744073709551616, 1.8446744073709552e+19",
    "123456789012345678901, 1.2345678901234568e+20",
    "-9223372036854775809, -9.223372036854776e+18",
  })
  void writesAsKustomizeOutputDoes(String source, String written) {
    ObjectNode object = yaml.readObject("value: " + source, "numbers");
    SourceScalars.forget(object);
    GoNumbers.asOutput(object);
    assertThat(yaml.write(object)).isEqualTo("value: " + written + "\n");
    JsonNode read = yaml.readObject(yaml.write(object), "written");
    assertThat(CanonicalJson.same(read, object)).as("reads back").isTrue();
  }
}
