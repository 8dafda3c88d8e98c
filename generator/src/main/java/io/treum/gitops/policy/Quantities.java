package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes quantities ({@code 500m}, {@code 1Gi}, {@code 2k}, {@code 1e3}) as numbers, for the
 * policies: the Wasm runtime has no {@code units.parse}, so the engine passes a table from every
 * quantity string of an environment to its value in base units (policies/README.md, "The
 * document").
 *
 * <p>The grammar is Kubernetes' ({@code resource.ParseQuantity}): an optionally signed decimal
 * number followed by a binary suffix ({@code Ki … Ei}), a decimal suffix ({@code n u m k M G T P
 * E}) or a decimal exponent ({@code e3}, {@code E-2}). Exponents beyond ±{@value #MAX_EXPONENT} are
 * not taken as quantities.
 */
public final class Quantities {
  /** The largest decimal exponent a quantity may carry; Kubernetes itself rejects far less. */
  static final int MAX_EXPONENT = 64;

  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))"
              + "(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,4})?");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")));

  private Quantities() {}

  /** The value of a quantity string in base units, or empty when it is not a quantity. */
  public static Optional<BigDecimal> parse(String text) {
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    String suffix = matcher.group(2);
    if (suffix == null) {
      return Optional.of(number);
    }
    if (suffix.charAt(0) == 'e' || (suffix.charAt(0) == 'E' && suffix.length() > 1)) {
      int exponent = Integer.parseInt(suffix.substring(1).replace("+", ""));
      if (Math.abs(exponent) > MAX_EXPONENT) {
        return Optional.empty();
      }
      return Optional.of(number.scaleByPowerOfTen(exponent));
    }
    return Optional.of(number.multiply(SUFFIXES.get(suffix)));
  }

  /**
   * The table of every string value under {@code nodes} (at any depth, object keys excluded) that
   * is a quantity, sorted by the string.
   */
  public static SortedMap<String, BigDecimal> table(Iterable<? extends JsonNode> nodes) {
    SortedMap<String, BigDecimal> table = new TreeMap<>();
    for (JsonNode node : nodes) {
      collect(node, table);
    }
    return table;
  }

  private static void collect(JsonNode node, SortedMap<String, BigDecimal> table) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (!table.containsKey(text)) {
        parse(text).ifPresent(value -> table.put(text, value));
      }
    } else if (node.isContainerNode()) {
      for (JsonNode child : node) {
        collect(child, table);
      }
    }
  }

  /** The table as the JSON object the policies read: integral values as integers. */
  public static ObjectNode toJson(SortedMap<String, BigDecimal> table) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    table.forEach((text, value) -> json.set(text, number(value)));
    return json;
  }

  static JsonNode number(BigDecimal value) {
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return JsonNodeFactory.instance.numberNode(stripped.toBigIntegerExact());
    }
    return JsonNodeFactory.instance.numberNode(stripped);
  }
}
