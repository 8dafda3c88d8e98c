package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Whole numbers that Kustomize's Go round trips turn into floats: after a JSON 6902 patch the
 * object is re-read with {@code encoding/json} into {@code interface{}} (every number a {@code
 * float64}), and its output goes through go-yaml v2, which reads a whole number beyond {@code
 * int64} and {@code uint64} as a float.
 */
final class GoNumbers {
  private static final BigInteger FLOAT64_EXACT = BigInteger.ONE.shiftLeft(53);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoNumbers() {}

  /**
   * In place, as {@code RNode.UnmarshalJSON} re-reads a patched object: every number a float64, so
   * a whole number beyond ±2⁵³ rounds, and a whole float ({@code 5.0}) is written as the integer it
   * is ({@code 5}), also where it is read as text (an annotation).
   */
  static void afterJsonRoundTrip(JsonNode node) {
    replace(node, value -> value.abs().compareTo(FLOAT64_EXACT) > 0);
    wholeFloats(node);
  }

  private static void wholeFloats(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        field.setValue(whole(field.getValue()));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, whole(array.get(i)));
      }
    }
  }

  private static JsonNode whole(JsonNode value) {
    if (value.isContainerNode()) {
      wholeFloats(value);
      return value;
    }
    if (!value.isFloatingPointNumber()) {
      return value;
    }
    double number = value.doubleValue();
    return number == Math.rint(number) && Math.abs(number) < 1e21
        ? JsonNodeFactory.instance.numberNode(
            new BigDecimal(Double.toString(number)).toBigInteger())
        : value;
  }

  /** In place, as Kustomize's output through go-yaml v2: beyond int64 and uint64 a float64. */
  static void asOutput(JsonNode node) {
    replace(node, value -> value.compareTo(INT64_MIN) < 0 || value.compareTo(UINT64_MAX) > 0);
  }

  private interface Test {
    boolean inexact(BigInteger value);
  }

  private static void replace(JsonNode node, Test test) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        field.setValue(value(field.getValue(), test));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, value(array.get(i), test));
      }
    }
  }

  private static JsonNode value(JsonNode value, Test test) {
    if (value.isContainerNode()) {
      replace(value, test);
      return value;
    }
    if (!value.isIntegralNumber() || !test.inexact(value.bigIntegerValue())) {
      return value;
    }
    double rounded = value.bigIntegerValue().doubleValue();
    // below 1e21 Go writes a float64 without an exponent, in its shortest digits
    return Math.abs(rounded) < 1e21
        ? JsonNodeFactory.instance.numberNode(
            new BigDecimal(Double.toString(rounded)).toBigInteger())
        : JsonNodeFactory.instance.numberNode(rounded);
  }
}
