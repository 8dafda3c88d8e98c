package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalars read from YAML that remember how the source wrote them. Kustomize keeps a scalar's text
 * (go-yaml's {@code Node.Value}) and shows it where it reads a map of strings — labels and
 * annotations: {@code 1.50} stays {@code "1.50"}, {@code ~} becomes {@code "~"}, an empty value
 * {@code ""}. The nodes are ordinary Jackson value nodes (equal to any other of the same value);
 * only {@link #text} looks at the source text.
 */
final class SourceScalars {
  private SourceScalars() {}

  /** A value node that knows its source text. */
  interface Sourced {
    String source();
  }

  /**
   * A scalar's text as Kustomize reads it into a map of strings: the source text where known, else
   * the value's text ({@code "null"} for a null); {@code ""} for a map or a list.
   */
  static String text(JsonNode value) {
    if (value instanceof Sourced sourced) {
      return sourced.source();
    }
    if (value == null || value.isContainerNode()) {
      return "";
    }
    return value.asText();
  }

  /**
   * Drops the source text of every scalar in {@code node} (in place, below containers), as a JSON
   * round trip does: Kustomize's JSON 6902 patches re-read the whole object from JSON, so {@code
   * 1.50} is {@code 1.5}, {@code ~} is {@code null} and a plain date Go's RFC 3339 text afterwards;
   * Kustomize writes every object through JSON at the end too.
   */
  static void forget(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (var it = object.fields(); it.hasNext(); ) {
        var field = it.next();
        if (field.getValue() instanceof Sourced) {
          field.setValue(plain(field.getValue()));
        } else {
          forget(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i) instanceof Sourced) {
          array.set(i, plain(array.get(i)));
        } else {
          forget(array.get(i));
        }
      }
    }
  }

  private static JsonNode plain(JsonNode value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof SourcedTimestamp timestamp) {
      return nodes.textNode(timestamp.json());
    }
    if (value.isNull()) {
      return nodes.nullNode();
    }
    if (value.isBoolean()) {
      return nodes.booleanNode(value.booleanValue());
    }
    if (value.isInt()) {
      return nodes.numberNode(value.intValue());
    }
    if (value.isLong()) {
      return nodes.numberNode(value.longValue());
    }
    if (value.isBigInteger()) {
      return nodes.numberNode(value.bigIntegerValue());
    }
    return nodes.numberNode(value.doubleValue());
  }

  /**
   * A plain scalar that go-yaml v3 reads as a timestamp ({@code 2002-12-14}, {@code
   * 2001-12-14t21:59:43.10-05:00}, {@code 2001-12-14 21:59:43}), or {@code null} for any other
   * text. Kustomize writes its output through JSON, where it becomes Go's RFC 3339 text ({@code
   * 2002-12-14T00:00:00Z}); where Kustomize reads it as a string (annotations) it stays as written.
   */
  static JsonNode ofTimestamp(String source) {
    return SourcedTimestamp.json(source) == null ? null : new SourcedTimestamp(source);
  }

  static JsonNode ofNull(String source) {
    return new SourcedNull(source);
  }

  static JsonNode ofBoolean(boolean value, String source) {
    return new SourcedBoolean(value, source);
  }

  static JsonNode ofInt(int value, String source) {
    return new SourcedInt(value, source);
  }

  static JsonNode ofLong(long value, String source) {
    return new SourcedLong(value, source);
  }

  static JsonNode ofBigInteger(BigInteger value, String source) {
    return new SourcedBigInteger(value, source);
  }

  static JsonNode ofDouble(double value, String source) {
    return new SourcedDouble(value, source);
  }

  private static final class SourcedTimestamp extends TextNode implements Sourced {
    private static final long serialVersionUID = 1L;

    /**
     * go-yaml v3's timestamp layouts: date, then a time with a zone after T or t, or after a space.
     */
    private static final Pattern LAYOUTS =
        Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                + "(?:(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\\.[0-9]+)?"
                + "(Z|[-+][0-9]{2}:[0-9]{2}))"
                + "|(?: ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\\.[0-9]+)?))?");

    SourcedTimestamp(String source) {
      super(source);
    }

    @Override
    public String source() {
      return textValue();
    }

    String json() {
      return json(textValue());
    }

    /** Go's {@code time.Time} in JSON (RFC 3339, nanoseconds without trailing zeros), or null. */
    static String json(String text) {
      Matcher m = LAYOUTS.matcher(text);
      if (!m.matches()) {
        return null;
      }
      boolean zoned = m.group(4) != null;
      boolean spaced = m.group(9) != null;
      String hour = zoned ? m.group(4) : spaced ? m.group(9) : "0";
      String minute = zoned ? m.group(5) : spaced ? m.group(10) : "0";
      String second = zoned ? m.group(6) : spaced ? m.group(11) : "0";
      String fraction = zoned ? m.group(7) : spaced ? m.group(12) : null;
      String zone = zoned ? m.group(8) : "Z";
      try {
        int nanos = 0;
        if (fraction != null) {
          String digits = (fraction.substring(1) + "000000000").substring(0, 9);
          nanos = Integer.parseInt(digits);
        }
        OffsetDateTime time =
            OffsetDateTime.of(
                LocalDate.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))),
                LocalTime.of(
                    Integer.parseInt(hour),
                    Integer.parseInt(minute),
                    Integer.parseInt(second),
                    nanos),
                ZoneOffset.of(zone));
        StringBuilder json =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "%04d-%02d-%02dT%02d:%02d:%02d",
                    time.getYear(),
                    time.getMonthValue(),
                    time.getDayOfMonth(),
                    time.getHour(),
                    time.getMinute(),
                    time.getSecond()));
        if (nanos != 0) {
          String digits = String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
          json.append('.').append(digits);
        }
        json.append(time.getOffset().getTotalSeconds() == 0 ? "Z" : time.getOffset().getId());
        return json.toString();
      } catch (DateTimeException | NumberFormatException e) {
        return null;
      }
    }
  }

  private static final class SourcedNull extends NullNode implements Sourced {
    private static final long serialVersionUID = 1L;
    private final String source;

    SourcedNull(String source) {
      this.source = source;
    }

    @Override
    public String source() {
      return source;
    }
  }

  private static final class SourcedBoolean extends BooleanNode implements Sourced {
    private static final long serialVersionUID = 1L;
    private final String source;

    SourcedBoolean(boolean value, String source) {
      super(value);
      this.source = source;
    }

    @Override
    public String source() {
      return source;
    }
  }

  private static final class SourcedInt extends IntNode implements Sourced {
    private static final long serialVersionUID = 1L;
    private final String source;

    SourcedInt(int value, String source) {
      super(value);
      this.source = source;
    }

    @Override
    public String source() {
      return source;
    }
  }

  private static final class SourcedLong extends LongNode implements Sourced {
    private static final long serialVersionUID = 1L;
    private final String source;

    SourcedLong(long value, String source) {
      super(value);
      this.source = source;
    }

    @Override
    public String source() {
      return source;
    }
  }

  private static final class SourcedBigInteger extends BigIntegerNode implements Sourced {
    private static final long serialVersionUID = 1L;
    private final String source;

    SourcedBigInteger(BigInteger value, String source) {
      super(value);
      this.source = source;
    }

    @Override
    public String source() {
      return source;
    }
  }

  private static final class SourcedDouble extends DoubleNode implements Sourced {
    private static final long serialVersionUID = 1L;
    private final String source;

    SourcedDouble(double value, String source) {
      super(value);
      this.source = source;
    }

    @Override
    public String source() {
      return source;
    }
  }
}
