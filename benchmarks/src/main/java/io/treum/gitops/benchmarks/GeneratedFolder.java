package io.treum.gitops.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder a benchmark generates and replaces on every run. A marker file says the benchmark wrote
 * it, so that a mistyped work folder is never emptied.
 */
final class GeneratedFolder {
  private GeneratedFolder() {}

  /**
   * Deletes {@code root} if the benchmark wrote it, and starts it anew with the marker.
   *
   * @param marker the marker file's name
   * @param writer the class that writes the folder, named in the marker
   * @throws IOException when {@code root} holds files but no marker, or cannot be replaced
   */
  static void replace(Path root, String marker, Class<?> writer) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> entries = Files.list(root)) {
        if (entries.findAny().isPresent() && !Files.isRegularFile(root.resolve(marker))) {
          throw new IOException(
              root
                  + " is not empty and holds no benchmark tree; choose an empty or new --work-dir");
        }
      }
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(root)) {
        paths = walk.sorted(Comparator.reverseOrder()).toList();
      }
      for (Path path : paths) {
        Files.delete(path);
      }
    }
    writeFile(root.resolve(marker), "written by " + writer.getName() + "\n");
  }

  static void writeFile(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
