package io.treum.gitops.testing;

import io.treum.gitops.render.UnifiedDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden file trees under {@code src/test/resources/}, compared byte for byte. With {@code
 * -Dtreum.golden.update=true} a test rewrites its tree instead (the default run only compares).
 */
public final class Golden {
  /** The switch that rewrites golden trees. */
  public static final String UPDATE_PROPERTY = "treum.golden.update";

  private Golden() {}

  /** The golden tree at {@code src/test/resources/<relative>} of this module. */
  public static Tree tree(String relative) {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    return new Tree(module.resolve("src/test/resources").resolve(relative));
  }

  /** Every regular file below {@code root}, by {@code /}-separated relative path. */
  public static SortedMap<String, String> read(Path root) {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(path).toString().replace('\\', '/'),
            Files.readString(path, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Deletes a directory tree. */
  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One golden directory. */
  public static final class Tree {
    private final Path root;

    private Tree(Path root) {
      this.root = root;
    }

    public Path root() {
      return root;
    }

    /** Replaces the golden files by {@code actual} when {@value #UPDATE_PROPERTY} is set. */
    public void updateIfRequested(Map<String, String> actual) {
      if (!Boolean.getBoolean(UPDATE_PROPERTY)) {
        return;
      }
      delete(root);
      try {
        for (Map.Entry<String, String> file : actual.entrySet()) {
          Path path = root.resolve(file.getKey());
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Missing, extra and changed files (with a unified diff), empty when equal. */
    public List<String> differences(Map<String, String> actual) {
      SortedMap<String, String> expected = read(root);
      List<String> differences = new ArrayList<>();
      if (expected.isEmpty()) {
        differences.add(
            root
                + " holds no golden files; run with -D"
                + UPDATE_PROPERTY
                + "=true to create them, then review them");
        return differences;
      }
      TreeSet<String> paths = new TreeSet<>(expected.keySet());
      paths.addAll(actual.keySet());
      for (String path : paths) {
        String want = expected.get(path);
        String got = actual.get(path);
        if (want == null) {
          differences.add("rendered " + path + ", which is not in " + root);
        } else if (got == null) {
          differences.add("did not render " + path + ", which is in " + root);
        } else if (!want.equals(got)) {
          differences.add(UnifiedDiff.of("golden/" + path, want, "rendered/" + path, got));
        }
      }
      if (!differences.isEmpty()) {
        differences.add(
            "if the change is intended, run with -D" + UPDATE_PROPERTY + "=true and review");
      }
      return differences;
    }
  }
}
