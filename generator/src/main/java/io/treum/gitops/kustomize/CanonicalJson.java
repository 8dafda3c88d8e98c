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

/**
 * Canonical JSON trees: object keys sorted, integral numbers as one number type, decimals stripped
 * of trailing zeros. Two manifests are the same object exactly when their canonical trees are
 * equal.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** A deep copy with every object's keys in sorted order and numbers normalised. */
  public static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong()
          ? JsonNodeFactory.instance.numberNode(node.longValue())
          : JsonNodeFactory.instance.numberNode(node.bigIntegerValue());
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue().stripTrailingZeros();
      if (value.scale() <= 0) {
        // 1e21 is whole but no long: it must not wrap around
        BigInteger whole = value.toBigIntegerExact();
        return whole.bitLength() < Long.SIZE
            ? JsonNodeFactory.instance.numberNode(whole.longValue())
            : JsonNodeFactory.instance.numberNode(whole);
      }
      return JsonNodeFactory.instance.numberNode(value);
    }
    return node.deepCopy();
  }

  /** Equality of canonical forms: key order and number representation do not matter. */
  public static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return sorted(a).equals(sorted(b));
  }
}
