package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kustomize's built-in transformer configuration: where common labels and annotations, the
 * namespace and name prefixes go, and which fields refer to other objects by name. The data is
 * written by {@code tools/kustomize-fieldspecs} from kustomize itself.
 */
public final class BuiltinFieldSpecs {
  private static final String RESOURCE = "fieldspecs.yaml";
  private static volatile BuiltinFieldSpecs instance;

  private final ObjectNode config;

  private BuiltinFieldSpecs(ObjectNode config) {
    this.config = config;
  }

  public static BuiltinFieldSpecs get() {
    BuiltinFieldSpecs specs = instance;
    if (specs == null) {
      synchronized (BuiltinFieldSpecs.class) {
        specs = instance;
        if (specs == null) {
          try (InputStream in = BuiltinFieldSpecs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            specs = new BuiltinFieldSpecs(new ManifestYaml().readObject(text, RESOURCE));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          instance = specs;
        }
      }
    }
    return specs;
  }

  /** Field specs of one section: {@code commonLabels}, {@code commonAnnotations}, … */
  public List<FieldSpec> section(String name) {
    return specs(config.path(name));
  }

  /**
   * The name references: for each referenced kind, the fields of other kinds that hold its name.
   */
  public List<NameReference> nameReferences() {
    List<NameReference> references = new ArrayList<>();
    for (JsonNode entry : config.path("nameReference")) {
      references.add(
          new NameReference(
              text(entry, "group"),
              text(entry, "version"),
              text(entry, "kind"),
              specs(entry.path("fieldSpecs"))));
    }
    return references;
  }

  /**
   * Objects of kind {@code kind} (group/version when given) are referred to by name from {@code
   * referrers}.
   */
  public record NameReference(
      String group, String version, String kind, List<FieldSpec> referrers) {}

  private static List<FieldSpec> specs(JsonNode list) {
    List<FieldSpec> specs = new ArrayList<>();
    for (JsonNode spec : list) {
      specs.add(
          new FieldSpec(
              text(spec, "group"),
              text(spec, "version"),
              text(spec, "kind"),
              spec.path("path").asText(),
              spec.path("create").asBoolean(false)));
    }
    return specs;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
