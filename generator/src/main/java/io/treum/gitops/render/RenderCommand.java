package io.treum.gitops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.KustomizeBuilder;
import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.model.ArgoCd;
import io.treum.gitops.model.DefinitionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Renders a definition into a Kustomize tree on disk ({@link #render}) or compares a committed tree
 * with a fresh render ({@link #check}). Before a render replaces anything, every overlay is built
 * back with the Java Kustomize builder and must equal the typed state.
 */
public final class RenderCommand {
  private final ManifestYaml yaml;
  private final StateBuilder states;
  private final Renderer renderer;
  private final KustomizeBuilder builder;
  private final TreeWriter writer = new TreeWriter();

  public RenderCommand(ManifestYaml yaml, MergeSchema schema) {
    this.yaml = yaml;
    this.states = new StateBuilder(yaml);
    this.renderer = new Renderer(yaml, schema);
    this.builder = new KustomizeBuilder(yaml, schema);
  }

  /** Renders in memory only. */
  public Rendering renderInMemory(RenderRequest request) {
    List<EnvironmentState> all = states.build(request.definition(), java.util.Set.of());
    for (String wanted : request.environments()) {
      if (all.stream().noneMatch(s -> s.name().equals(wanted))) {
        throw new DefinitionException(
            "treum.environments names '"
                + wanted
                + "', which "
                + request.definition().getClass().getName()
                + " does not define; defined: "
                + all.stream().map(EnvironmentState::name).toList());
      }
    }
    String definitionName = request.definition().getClass().getName();
    Optional<ArgoCd> argoCd =
        StateBuilder.call(definitionName, "argoCd()", request.definition()::argoCd);
    if (argoCd == null) {
      throw new DefinitionException(
          definitionName + ".argoCd() returned null: return Optional.empty() or the settings");
    }
    return renderer.render(definitionName, all, argoCd.orElse(null));
  }

  /**
   * Renders and atomically replaces {@code base/}, the overlays and, when the definition has Argo
   * CD settings, {@code argocd/} in the output directory.
   */
  public RenderResult render(RenderRequest request) {
    Rendering rendering = renderInMemory(request);
    List<String> managed = managedFolders(request, rendering);
    SortedMap<String, String> files = new TreeMap<>();
    rendering
        .files()
        .forEach(
            (path, content) -> {
              if (managed.stream().anyMatch(m -> path.startsWith(m + "/"))) {
                files.put(path, content);
              }
            });
    List<EnvironmentState> selected = selected(request, rendering);
    writer.write(request.outputDirectory(), files, managed, staging -> verify(staging, selected));
    return new RenderResult(
        request.outputDirectory().toAbsolutePath().normalize(),
        selected.stream().map(EnvironmentState::name).toList(),
        files.size(),
        selected.stream().map(s -> s.objects().size()).toList());
  }

  /** Compares the tree on disk with a fresh render; differences are per file. */
  public CheckResult check(RenderRequest request) {
    TreeWriter.checkOutputDirectory(request.outputDirectory());
    Rendering rendering = renderInMemory(request);
    Path root = request.outputDirectory().toAbsolutePath().normalize();
    List<String> differences = new ArrayList<>();
    for (String folder : managedFolders(request, rendering)) {
      SortedMap<String, String> onDisk = readFolder(root, folder);
      TreeSet<String> paths = new TreeSet<>(onDisk.keySet());
      rendering.files().keySet().stream()
          .filter(p -> p.startsWith(folder + "/"))
          .forEach(paths::add);
      for (String path : paths) {
        String expected = rendering.files().get(path);
        String actual = onDisk.get(path);
        if (expected == null) {
          differences.add(path + ": stale, render would remove it");
        } else if (actual == null) {
          differences.add(path + ": missing, render would create it");
        } else if (!expected.equals(actual)) {
          differences.add(
              UnifiedDiff.of(
                  "a/" + path + " (committed)", actual, "b/" + path + " (rendered)", expected));
        }
      }
    }
    return new CheckResult(differences);
  }

  private void verify(Path staging, List<EnvironmentState> selected) {
    for (EnvironmentState state : selected) {
      List<ObjectNode> built = builder.build(staging.resolve("overlays").resolve(state.name()));
      List<String> differences = ObjectSetDiff.compare(state.trees(), built, yaml);
      if (!differences.isEmpty()) {
        throw new IllegalStateException(
            "treum rendered overlays/"
                + state.name()
                + " but building it back does not give"
                + " the typed state; nothing was written. This is a treum bug, please report"
                + " it with the definition. Differences:\n"
                + String.join("\n", differences));
      }
    }
  }

  private static List<EnvironmentState> selected(RenderRequest request, Rendering rendering) {
    return rendering.states().stream()
        .filter(s -> request.environments().isEmpty() || request.environments().contains(s.name()))
        .toList();
  }

  /**
   * The folders a render owns: {@code base}, {@code overlays} (or the requested overlays) and
   * {@code argocd} only when the definition renders it, so a hand-kept {@code argocd/} stays.
   */
  private static List<String> managedFolders(RenderRequest request, Rendering rendering) {
    List<String> folders = new ArrayList<>();
    if (rendering.files().keySet().stream()
        .anyMatch(path -> path.startsWith(ArgoCdApplications.FOLDER + "/"))) {
      folders.add(ArgoCdApplications.FOLDER);
    }
    folders.add("base");
    if (request.environments().isEmpty()) {
      folders.add("overlays");
    } else {
      selected(request, rendering).forEach(s -> folders.add("overlays/" + s.name()));
    }
    return folders;
  }

  private static SortedMap<String, String> readFolder(Path root, String folder) {
    SortedMap<String, String> files = new TreeMap<>();
    Path dir = root.resolve(folder);
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        if (Files.isSymbolicLink(path)) {
          files.put(relative, "symbolic link");
        } else if (Files.isRegularFile(path)) {
          // Lenient: a file that is not UTF-8 is reported as a difference, not a crash.
          files.put(relative, new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return files;
  }
}
