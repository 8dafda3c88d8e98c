package io.treum.gitops.kustomize;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML factory with parsers that tell what Jackson's tokens hide and go-yaml v3 (which
 * Kustomize reads manifests with) decides on: whether a scalar was plain (unquoted) — a plain
 * {@code 2002-12-14} is a timestamp there — and whether a value sits in a flow mapping, where
 * go-yaml reads an empty value ({@code {a: }}) as an empty string instead of null.
 */
final class GoYamlFactory extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  GoYamlFactory(YAMLFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected YAMLParser _createParser(Reader reader, IOContext context) {
    return new Parser(
        context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
  }

  @Override
  protected YAMLParser _createParser(
      char[] data, int offset, int length, IOContext context, boolean recyclable) {
    return _createParser(new CharArrayReader(data, offset, length), context);
  }

  /** A parser that tracks scalar styles and flow mappings. */
  static final class Parser extends YAMLParser {
    /** For each open collection: whether it is a mapping in flow style. */
    private final Deque<Boolean> flowMappings = new ArrayDeque<>();

    Parser(
        IOContext context,
        int parserFeatures,
        int yamlFeatures,
        LoaderOptions loaderOptions,
        ObjectCodec codec,
        Reader reader) {
      super(context, parserFeatures, yamlFeatures, loaderOptions, codec, reader);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = super.nextToken();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        flowMappings.push(
            _lastEvent instanceof MappingStartEvent
                && ((CollectionStartEvent) _lastEvent).isFlow());
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        flowMappings.poll();
      }
      return token;
    }

    /** Whether the current scalar was written plain (neither quoted nor a block scalar). */
    boolean isPlainScalar() {
      return _lastEvent instanceof ScalarEvent scalar && scalar.isPlain();
    }

    /** Whether the current value is a value of a flow-style mapping ({@code {a: b}}). */
    boolean inFlowMapping() {
      Boolean flow = flowMappings.peek();
      return flow != null && flow;
    }
  }
}
