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
import java.math.BigInteger;

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
   * 1.50} is {@code 1.5} and {@code ~} is {@code null} afterwards.
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
