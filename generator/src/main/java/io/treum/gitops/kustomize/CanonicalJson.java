package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Canonical JSON trees: object keys sorted, integral numbers as one number type, decimals stripped
 * of trailing zeros. Two manifests are the same object exactly when their canonical trees are
 * equal.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** A deep copy with every object's keys in sorted order and numbers normalised. */
  public static JsonNode sorted(JsonNode node) {
    return sorted(node, CanonicalJson::number);
  }

  /**
   * A deep copy with every object's keys in sorted order and each number as {@code numbers} maps
   * it.
   */
  static JsonNode sorted(JsonNode node, UnaryOperator<JsonNode> numbers) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name), numbers));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sorted(element, numbers)));
      return copy;
    }
    return node.isNumber() ? numbers.apply(node) : node.deepCopy();
  }

  /**
   * A number in canonical form: a whole one as a long or a big integer, any other as a decimal
   * without trailing zeros; a float64 as the shortest decimal that reads back as it, the digits Go
   * writes (Java 17's {@code Double.toString} is sometimes longer).
   */
  static JsonNode number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong()
          ? JsonNodeFactory.instance.numberNode(node.longValue())
          : JsonNodeFactory.instance.numberNode(node.bigIntegerValue());
    }
    if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
      return node.deepCopy();
    }
    BigDecimal value =
        node.isDouble()
            ? GoFloat.shortest(node.doubleValue())
            : node.decimalValue().stripTrailingZeros();
    if (value.scale() <= 0) {
      // 1e21 is whole but no long: it must not wrap around
      BigInteger whole = value.toBigIntegerExact();
      return whole.bitLength() < Long.SIZE
          ? JsonNodeFactory.instance.numberNode(whole.longValue())
          : JsonNodeFactory.instance.numberNode(whole);
    }
    return JsonNodeFactory.instance.numberNode(value);
  }

  /** Equality of canonical forms: key order and number representation do not matter. */
  public static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return sorted(a).equals(sorted(b));
  }
}
