package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code sigs.k8s.io/yaml}'s {@code YAMLToJSON}, with which Kustomize reads kustomization files and
 * JSON 6902 patches written in YAML: go-yaml v2 reads the first document, so plain scalars follow
 * YAML 1.1 ({@code yes}, {@code on}, {@code y} are booleans; {@code 1.25} and {@code 0x10} numbers;
 * timestamps stay text), {@code <<} merges mappings, and map keys become text.
 */
final class YamlToJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String source;

  /**
   * @param source the file (or inline text) read, for messages
   */
  YamlToJson(String source) {
    this.source = source;
  }

  /**
   * The first document of {@code text} as JSON ({@code null} when there is none), as {@code
   * yaml.Unmarshal} of go-yaml v2 reads it; later documents are not looked at.
   *
   * @throws KustomizeException when that document is not YAML
   */
  static JsonNode firstDocument(String text, LoaderOptions options, String source) {
    try {
      Iterator<Node> documents = new Yaml(options).composeAll(new StringReader(text)).iterator();
      return new YamlToJson(source).json(documents.hasNext() ? documents.next() : null);
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage()).strip();
      int newline = message.indexOf('\n');
      throw new KustomizeException(
          source + ": not YAML: " + (newline < 0 ? message : message.substring(0, newline)), e);
    }
  }

  /** One YAML node as {@code sigs.k8s.io/yaml} turns it into JSON. */
  JsonNode json(Node node) {
    if (node == null) {
      return NODES.nullNode();
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      sequence.getValue().forEach(element -> array.add(json(element)));
      return array;
    }
    MappingNode mapping = (MappingNode) node;
    ObjectNode object = NODES.objectNode();
    List<JsonNode> merged = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (key instanceof ScalarNode k && k.isPlain() && k.getValue().equals("<<")) {
        JsonNode sources = json(tuple.getValueNode());
        if (sources.isArray()) {
          sources.forEach(merged::add);
        } else {
          merged.add(sources);
        }
        continue;
      }
      object.set(keyText(key), json(tuple.getValueNode()));
    }
    // merge keys: the mapping's own keys win, then the merged mappings in order
    for (JsonNode source : merged) {
      source
          .fields()
          .forEachRemaining(
              e -> {
                if (!object.has(e.getKey())) {
                  object.set(e.getKey(), e.getValue());
                }
              });
    }
    return object;
  }

  /** A map key as JSON has it: {@code sigs.k8s.io/yaml} writes bool and number keys as text. */
  private String keyText(Node key) {
    if (key instanceof ScalarNode scalar) {
      JsonNode value = scalar(scalar);
      return value.isNull() ? "null" : value.asText();
    }
    throw new KustomizeException(source + ": a map key must be a scalar, not " + key.getNodeId());
  }

  private static final Set<String> TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE");
  private static final Set<String> FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> SPECIAL_FLOATS =
      Set.of(
          ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
          ".NaN", ".NAN");
  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern GO_INT =
      Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-.*");

  /**
   * go-yaml v2's {@code resolve}: a quoted scalar is a string; a plain one is a boolean, null,
   * number or string by YAML 1.1's rules (timestamps stay text in {@code sigs.k8s.io/yaml}).
   */
  private JsonNode scalar(ScalarNode scalar) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    if (!scalar.isPlain() || tag.equals(Tag.BINARY)) {
      return NODES.textNode(value);
    }
    if (TRUE.contains(value)) {
      return NODES.booleanNode(true);
    }
    if (FALSE.contains(value)) {
      return NODES.booleanNode(false);
    }
    if (NULL.contains(value)) {
      return NODES.nullNode();
    }
    if (SPECIAL_FLOATS.contains(value)) {
      return NODES.numberNode(Double.NaN);
    }
    char first = value.charAt(0);
    boolean numeric = first == '+' || first == '-' || first == '.' || Character.isDigit(first);
    if (!numeric) {
      return NODES.textNode(value);
    }
    if (Character.isDigit(first) && TIMESTAMP.matcher(value).matches() && isTimestamp(value)) {
      return NODES.textNode(value);
    }
    String plain = value.replace("_", "");
    if (GO_INT.matcher(plain).matches()) {
      BigInteger number = goInteger(plain);
      if (number != null) {
        return NODES.numberNode(number);
      }
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      return NODES.numberNode(Double.parseDouble(plain));
    }
    return NODES.textNode(value);
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}: sign, then 0x, 0o, 0b or a leading 0 (octal). */
  private static BigInteger goInteger(String text) {
    boolean negative = text.startsWith("-");
    String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    int radix = 10;
    String lower = digits.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    try {
      BigInteger number = new BigInteger(digits, radix);
      return negative ? number.negate() : number;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** go-yaml v2's timestamp formats: a date, then maybe a time (and zone). */
  private static boolean isTimestamp(String value) {
    return value.matches(
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            + "(([Tt]|[ ])[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?"
            + "(Z|[-+][0-9]{2}(:[0-9]{2})?)?)?");
  }
}
