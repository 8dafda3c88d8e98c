package io.treum.gitops.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --data} files that let conftest evaluate TREUM's rules as treum's engine does.
 *
 * <p>conftest evaluates one object at a time, with nothing else known. TREUM's rules read the rest
 * from {@code data.treum} (policies/README.md, "Passing the environment"): the environment's
 * profile and all its objects (cross-resource rules), the summaries of every environment
 * (cross-environment rules), the quantity table and the validation time. The data file of an
 * environment is therefore exactly the document treum's engine gets as {@code input}, mounted at
 * {@code data.treum}: {@code {"treum": <document>}}. treum computes it; what conftest evaluates per
 * object is the same {@code kustomize build} output.
 */
final class ConftestData {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConftestData() {}

  /**
   * Writes {@code <env>.json} into {@code folder} for every environment.
   *
   * @param documents the engine's document of every environment, as JSON text
   */
  static void write(Path folder, Map<String, String> documents) {
    documents.forEach(
        (environment, document) -> {
          try {
            GeneratedFolder.writeFile(folder.resolve(environment + ".json"), wrap(document));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write conftest's data for " + environment, e);
          }
        });
  }

  /** The document at {@code data.treum}. */
  static String wrap(String document) {
    try {
      JsonNode parsed = JSON.readTree(document);
      ObjectNode data = JSON.createObjectNode();
      data.set("treum", parsed);
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the environment document is not JSON", e);
    }
  }
}
