package io.treum.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds every overlay of a Kustomize tree in Java and returns (or writes) one YAML stream per
 * environment, in Kustomize's output order — the rendered-manifests form Argo CD can read.
 */
public final class HydrateCommand {
  private final ManifestYaml yaml;
  private final KustomizeBuilder builder;

  public HydrateCommand(ManifestYaml yaml, MergeSchema schema) {
    this.yaml = yaml;
    this.builder = new KustomizeBuilder(yaml, schema);
  }

  /** The overlays of a tree: the folders below {@code overlays/} with a kustomization. */
  public List<String> overlays(Path directory) {
    Path overlays = directory.resolve("overlays");
    if (!Files.isDirectory(overlays, LinkOption.NOFOLLOW_LINKS)) {
      throw new KustomizeException(
          directory.toAbsolutePath().normalize()
              + " has no overlays/ folder: point"
              + " treum.directory at the root of a tree with overlays/<env>/kustomization.yaml");
    }
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(overlays)) {
      entries
          .filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml")))
          .forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + overlays, e);
    }
    if (names.isEmpty()) {
      throw new KustomizeException(
          overlays.toAbsolutePath().normalize() + " holds no overlay with a kustomization.yaml");
    }
    return new ArrayList<>(names);
  }

  /** Builds the requested overlays: environment name to its YAML stream. */
  public Map<String, String> hydrate(HydrateRequest request) {
    List<String> available = overlays(request.directory());
    for (String wanted : request.environments()) {
      if (!available.contains(wanted)) {
        throw new KustomizeException(
            "treum.environments names '"
                + wanted
                + "', but "
                + request.directory().toAbsolutePath().normalize()
                + "/overlays has only "
                + available);
      }
    }
    Map<String, String> streams = new LinkedHashMap<>();
    for (String environment : available) {
      if (request.environments().isEmpty() || request.environments().contains(environment)) {
        // the builder returns kustomize's output order (sortOptions, legacy by default)
        List<ObjectNode> objects =
            builder.build(request.directory().resolve("overlays").resolve(environment));
        streams.put(environment, yaml.writeStream(objects));
      }
    }
    if (request.output() != null) {
      write(request.output(), streams);
    }
    return streams;
  }

  private static void write(Path output, Map<String, String> streams) {
    try {
      if (Files.isSymbolicLink(output) || (Files.exists(output) && !Files.isDirectory(output))) {
        throw new KustomizeException(
            "hydrate output "
                + output
                + " is not a folder: point treum.hydrate.output at a"
                + " folder, or use - for standard output");
      }
      Files.createDirectories(output);
      for (Map.Entry<String, String> stream : streams.entrySet()) {
        AtomicFiles.writeString(output.resolve(stream.getKey() + ".yaml"), stream.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write hydrated manifests to " + output, e);
    }
  }
}
