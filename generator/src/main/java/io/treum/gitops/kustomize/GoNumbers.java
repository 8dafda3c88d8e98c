package io.treum.gitops.kustomize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Numbers as Kustomize's Go round trips leave them. After a JSON 6902 patch the object is re-read
 * with {@code encoding/json} into {@code interface{}} (every number a {@code float64}) and written
 * into kyaml's node tree by go-yaml v3 as {@code strconv.FormatFloat(f, 'g', -1, 64)}; its output
 * goes through {@code encoding/json} and go-yaml v2, which reads a whole number beyond {@code
 * int64} and {@code uint64} as a float and writes a float with that same {@code 'g'} text.
 */
final class GoNumbers {
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** From here {@code encoding/json} writes a float64 with an exponent. */
  private static final double JSON_EXPONENT = 1e21;

  private GoNumbers() {}

  /**
   * In place, as {@code RNode.UnmarshalJSON} re-reads a patched object: every number a float64 (a
   * whole number beyond ±2⁵³ rounds; a whole float below 10²¹ is the integer {@code encoding/json}
   * would write), whose text where it is read as a string (an annotation) is go-yaml v3's: {@code
   * 5.0} is {@code "5"}, {@code 1000000} is {@code "1e+06"}, {@code 0.000001} is {@code "1e-06"}.
   */
  static void afterJsonRoundTrip(JsonNode node) {
    replace(node, GoNumbers::float64);
  }

  private static JsonNode float64(JsonNode value) {
    if (!value.isNumber()) {
      return value;
    }
    double number = value.doubleValue();
    String text = GoFloat.format(number);
    if (number != Math.rint(number) || Math.abs(number) >= JSON_EXPONENT) {
      return SourceScalars.ofDouble(number, text);
    }
    // the node types treum's reader gives whole numbers
    BigInteger whole = GoFloat.shortest(number).toBigIntegerExact();
    if (whole.bitLength() < Integer.SIZE) {
      return SourceScalars.ofInt(whole.intValue(), text);
    }
    return whole.bitLength() < Long.SIZE
        ? SourceScalars.ofLong(whole.longValue(), text)
        : SourceScalars.ofBigInteger(whole, text);
  }

  /** In place, as Kustomize's output through go-yaml v2: beyond int64 and uint64 a float64. */
  static void asOutput(JsonNode node) {
    replace(
        node,
        value ->
            value.isIntegralNumber()
                    && (value.bigIntegerValue().compareTo(INT64_MIN) < 0
                        || value.bigIntegerValue().compareTo(UINT64_MAX) > 0)
                ? JsonNodeFactory.instance.numberNode(value.bigIntegerValue().doubleValue())
                : value);
  }

  /**
   * A number as it is written: a float64 as Kustomize's output shows it, any other number
   * canonical. A whole float64 is {@code encoding/json}'s digits (its shortest digits padded with
   * zeros) where go-yaml v2 reads those back as an int64 or a uint64; any other float64 has
   * go-yaml's {@code 'g'} text: {@code 1e+21}, {@code 1e-06}, {@code 1.23456789125e+08}.
   */
  static JsonNode written(JsonNode number) {
    if (!number.isDouble()) {
      return CanonicalJson.number(number);
    }
    double value = number.doubleValue();
    if (Double.isFinite(value) && value == Math.rint(value)) {
      // encoding/json's digits, which go-yaml v2 reads as an int64 or a uint64 if it can
      BigInteger whole = GoFloat.shortest(value).toBigIntegerExact();
      if (whole.compareTo(INT64_MIN) >= 0 && whole.compareTo(UINT64_MAX) <= 0) {
        return CanonicalJson.number(JsonNodeFactory.instance.numberNode(whole));
      }
    }
    return JsonNodeFactory.instance.pojoNode(new WrittenFloat(value));
  }

  /** A float64 that a generator writes with Go's text, unquoted. */
  private record WrittenFloat(double value) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeNumber(GoFloat.yaml(value));
    }

    @Override
    public void serializeWithType(
        JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
        throws IOException {
      serialize(generator, provider);
    }
  }

  private static void replace(JsonNode node, UnaryOperator<JsonNode> scalar) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        field.setValue(value(field.getValue(), scalar));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, value(array.get(i), scalar));
      }
    }
  }

  private static JsonNode value(JsonNode value, UnaryOperator<JsonNode> scalar) {
    if (value.isContainerNode()) {
      replace(value, scalar);
      return value;
    }
    return scalar.apply(value);
  }
}
