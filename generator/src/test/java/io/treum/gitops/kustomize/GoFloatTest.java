package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

  /** Expected texts are Go's (go1.26 {@code strconv.FormatFloat(f, 'g', -1, 64)}). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 0",
    "-0.0, -0",
    "0.000001, 1e-06",
    "0.1, 0.1",
    "1.5, 1.5",
    "100.25, 100.25",
    "-0.5, -0.5",
    "0.002, 0.002",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "2.0e-7, 2e-07",
    "100000, 100000",
    "999999, 999999",
    "1000000, 1e+06",
    "123456789, 1.23456789e+08",
    "123456789.125, 1.23456789125e+08",
    "1e20, 1e+20",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "5e-324, 5e-324",
    "2.2250738585072014e-308, 2.2250738585072014e-308",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "9007199254740993, 9.007199254740992e+15",
    "9223372036854775808, 9.223372036854776e+18",
    // Java 17's Double.toString is longer for these (JDK-4511638)
    "1e23, 1e+23",
    "2e23, 2e+23",
    "8.41e21, 8.41e+21",
    "2.82879384806159e17, 2.82879384806159e+17",
    "5.684341886080802e-14, 5.684341886080802e-14",
    "1.9400994884341945e25, 1.9400994884341945e+25",
  })
  void formatsAsGo(double value, String go) {
    assertThat(GoFloat.format(value)).isEqualTo(go);
  }

  @Test
  void formatsWhatCannotBeADecimalAsGoAndGoYaml() {
    assertThat(GoFloat.format(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFloat.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloat.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(GoFloat.yaml(Double.NaN)).isEqualTo(".nan");
    assertThat(GoFloat.yaml(Double.POSITIVE_INFINITY)).isEqualTo(".inf");
    assertThat(GoFloat.yaml(Double.NEGATIVE_INFINITY)).isEqualTo("-.inf");
    assertThat(GoFloat.yaml(1e-6)).isEqualTo("1e-06");
    assertThatThrownBy(() -> GoFloat.shortest(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1e23, 100000000000000000000000",
    "2e23, 200000000000000000000000",
    "8.41e21, 8410000000000000000000",
    "2.82879384806159e17, 282879384806159000",
    "1.387364135037754e18, 1387364135037754000",
    "1.45800632428665e17, 145800632428665000",
    "0.002, 0.002",
    "1e-6, 0.000001",
    "9007199254740993, 9007199254740992",
    "-1.5, -1.5",
  })
  void findsTheShortestDecimalThatReadsBack(double value, String digits) {
    BigDecimal shortest = GoFloat.shortest(value);
    assertThat(shortest.toPlainString()).isEqualTo(digits);
    assertThat(shortest.doubleValue()).isEqualTo(value);
  }

  /** Random float64s: the shortest decimal reads back, and no shorter one does. */
  @Test
  void noShorterDecimalReadsBack() {
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(value)) {
        continue;
      }
      BigDecimal shortest = GoFloat.shortest(value);
      assertThat(shortest.doubleValue()).as("%s", value).isEqualTo(value);
      int digits = shortest.precision();
      if (digits > 1) {
        for (RoundingMode mode : List.of(RoundingMode.DOWN, RoundingMode.UP)) {
          BigDecimal shorter = new BigDecimal(value).round(new MathContext(digits - 1, mode));
          assertThat(shorter.doubleValue()).as("%s as %s", value, shorter).isNotEqualTo(value);
        }
      }
    }
  }

  /** Float64s and their text from Go itself, made by {@code go-floats/go-floats.go}. */
  @Test
  void formatsAsGoForFloatsGoFormatted() throws IOException {
    String table;
    try (InputStream in = getClass().getResourceAsStream("/go-floats/formatted.txt")) {
      table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int checked = 0;
    for (String line : table.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(" ");
      double value = Double.longBitsToDouble(Long.parseUnsignedLong(fields[0]));
      assertThat(GoFloat.format(value)).as("bits %s", fields[0]).isEqualTo(fields[1]);
      checked++;
    }
    assertThat(checked).isGreaterThan(400);
  }
}
