package io.treum.gitops.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.ResourceId;
import io.treum.gitops.kustomize.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an object of a built overlay is written in the tree: the resource file it came from
 * (relative to the tree's root), the line its document starts on, and, for files {@code
 * treum:render} wrote, the Java definition named in the file's {@code # Source:} comment. Each file
 * is read once; the locator is thread-safe.
 */
final class SourceLocator {
  private static final Pattern SOURCE_COMMENT = Pattern.compile("^# Source: (.+)$");
  private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");

  /** Where an object is, as far as known. */
  record Location(String file, int line, String definition) {
    static final Location UNKNOWN = new Location(null, 0, null);
  }

  /** One document of a file: the line it starts on and the ids it holds. */
  private record Document(int line, String kind, String namespace, String name) {}

  private record FileIndex(String relative, List<Document> documents, String definition) {}

  private final ManifestYaml yaml;
  private final Path root;
  private final Map<Path, Optional<FileIndex>> files = new ConcurrentHashMap<>();

  SourceLocator(ManifestYaml yaml, Path treeRoot) {
    this.yaml = yaml;
    this.root = treeRoot.toAbsolutePath().normalize();
  }

  /**
   * The location of a resource read from {@code source} (a file path, or a generator's name) whose
   * id was {@code originalId} when it was read.
   */
  Location locate(String source, ResourceId originalId) {
    Path file;
    try {
      file = Path.of(source).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      return Location.UNKNOWN;
    }
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Location.UNKNOWN;
    }
    Optional<FileIndex> index = files.computeIfAbsent(file, this::index);
    if (index.isEmpty()) {
      return Location.UNKNOWN;
    }
    FileIndex found = index.get();
    int line = 0;
    for (Document document : found.documents()) {
      if (document.kind().equals(originalId.kind())
          && document.name().equals(originalId.name())
          && (document.namespace().isEmpty()
              || document.namespace().equals(originalId.namespace()))) {
        line = document.line();
        break;
      }
    }
    return new Location(found.relative(), line, found.definition());
  }

  private Optional<FileIndex> index(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    String relative = root.relativize(file).toString().replace('\\', '/');
    String definition = null;
    List<Document> documents = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int start = 0;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : null;
      if (line == null || SEPARATOR.matcher(line).matches()) {
        document(text.toString(), start, relative).ifPresent(documents::add);
        text.setLength(0);
        start = 0;
        continue;
      }
      Matcher source = SOURCE_COMMENT.matcher(line);
      if (definition == null && source.matches()) {
        definition = source.group(1).strip();
      }
      if (start == 0 && !line.isBlank() && !line.stripLeading().startsWith("#")) {
        start = i + 1;
      }
      text.append(line).append('\n');
    }
    return Optional.of(new FileIndex(relative, documents, definition));
  }

  private Optional<Document> document(String text, int start, String source) {
    if (start == 0) {
      return Optional.empty();
    }
    JsonNode object;
    try {
      List<JsonNode> read = yaml.readAll(text, source);
      object = read.isEmpty() ? null : read.get(0);
    } catch (YamlException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (object == null || !object.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new Document(
            start,
            object.path("kind").asText(),
            object.path("metadata").path("namespace").asText(),
            object.path("metadata").path("name").asText()));
  }
}
