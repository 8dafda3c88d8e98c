package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest
  @CsvSource({
    "500m, 0.5",
    "1Gi, 1073741824",
    "2k, 2000",
    "1.5, 1.5",
    "100Mi, 104857600",
    "1e3, 1000",
    "1E3, 1000",
    "2E, 2000000000000000000",
    "250u, 0.00025",
    "5n, 0.000000005",
    "+3, 3",
    "-1, -1",
    ".5, 0.5",
    "7., 7",
    "12Ki, 12288",
    "1.5Gi, 1610612736"
  })
  void parsesKubernetesQuantities(String text, String value) {
    assertThat(Quantities.parse(text))
        .get()
        .usingComparator(BigDecimal::compareTo)
        .isEqualTo(new BigDecimal(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "m", "Gi", "1 Gi", "1gi", "1KB", "0x10", "1e", "1e99999", "1e65", "nginx", "1.2.3"
      })
  void otherStringsAreNotQuantities(String text) {
    assertThat(Quantities.parse(text)).isEmpty();
  }

  @Test
  void theTableHoldsEveryQuantityValueButNoKeys() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    var table =
        Quantities.table(
            List.of(
                json.readTree(
                    "{\"500m\": \"x\", \"cpu\": \"500m\", \"list\": [\"1Gi\", 3, \"name\"],"
                        + " \"nested\": {\"m\": \"2\"}}")));

    assertThat(Quantities.toJson(table).toString())
        .isEqualTo("{\"1Gi\":1073741824,\"2\":2,\"500m\":0.5}");
  }
}
