package io.treum.gitops.kustomize;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Decides which strings {@link ManifestYaml} writes quoted: every string that a YAML reader could
 * take for something else when plain. Jackson's own check covers YAML 1.1 booleans, nulls and plain
 * numbers; this adds what YAML 1.1 (SnakeYAML's resolver: timestamps, base-60 numbers, {@code <<})
 * and the go-yaml v3 resolver Kustomize uses (timestamps such as {@code 2024-01-01}, {@code 0o17},
 * {@code 0b101}, {@code 1_000}, {@code .5}) would read as non-strings. Kustomize turns such a date
 * in an annotation into {@code 2024-01-01T00:00:00Z}, so quoting is not cosmetic.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  /** go-yaml v3's {@code resolveMap}: plain scalars it resolves by lookup. */
  private static final Set<String> GO_YAML_KEYWORDS =
      Set.of(
          "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
          ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
          "-.Inf", "-.INF", "<<");

  /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax, after go-yaml removed underscores. */
  private static final Pattern GO_INT =
      Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)");

  /** go-yaml v3's {@code yamlStyleFloat}. */
  private static final Pattern GO_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /** go-yaml v3's timestamp layouts (a superset: ranges are not checked). */
  private static final Pattern GO_TIMESTAMP =
      Pattern.compile(
          "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]*)?(Z|[-+][0-9]{2}:[0-9]{2})?)?");

  private static final Resolver YAML_1_1 = new Resolver();

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || readAsNonString(name) || hasUnicodeLineBreak(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || readAsNonString(value) || hasUnicodeLineBreak(value);
  }

  /** Whether a plain scalar with this text would not be read as a string. */
  static boolean readAsNonString(String text) {
    if (!YAML_1_1.resolve(NodeId.scalar, text, true).equals(Tag.STR)) {
      return true;
    }
    if (GO_YAML_KEYWORDS.contains(text)) {
      return true;
    }
    char first = text.charAt(0);
    if (first == '.') {
      return GO_FLOAT.matcher(text).matches();
    }
    if (Character.isDigit(first) || first == '+' || first == '-') {
      String plain = text.replace("_", "");
      return GO_TIMESTAMP.matcher(text).matches()
          || GO_INT.matcher(plain).matches()
          || GO_FLOAT.matcher(plain).matches();
    }
    return false;
  }

  /** YAML 1.1 line breaks that a plain, single-quoted or block scalar would not keep. */
  static boolean hasUnicodeLineBreak(String value) {
    return value.indexOf('\u0085') >= 0
        || value.indexOf('\u2028') >= 0
        || value.indexOf('\u2029') >= 0;
  }
}
