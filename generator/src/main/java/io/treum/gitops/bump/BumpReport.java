package io.treum.gitops.bump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The JSON record of a bump ({@code target/treum/bump.json}) for the CI steps after it:
 *
 * <pre>{@code
 * {"outcome": "pushed", "commit": "3f2c…", "bumpId": "9a1b…", "environments": ["dr", "production"],
 *  "images": ["treum-service:1.2.0"], "attempts": 2}
 * }</pre>
 */
public final class BumpReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private BumpReport() {}

  /** The result as JSON text, ending with a newline. */
  public static String json(BumpResult result) {
    ObjectNode json = JSON.createObjectNode();
    json.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
    json.put("commit", result.commit());
    json.put("bumpId", result.bumpId());
    ArrayNode environments = json.putArray("environments");
    result.environments().forEach(environments::add);
    ArrayNode images = json.putArray("images");
    result.images().forEach(images::add);
    json.put("attempts", result.attempts());
    try {
      return JSON.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@link #json} to {@code file} atomically, creating its folder. */
  public static void write(BumpResult result, Path file) {
    try {
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      AtomicFiles.writeString(folder.resolve(file.getFileName()), json(result));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bump result to " + file, e);
    }
  }
}
