package io.treum.gitops.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Replaces folders of an output root atomically: the new tree is written to a staging folder beside
 * the target, checked, and only then swapped in folder by folder (each swap an atomic rename,
 * undone if a later one fails). Nothing is written outside the root; symlinks in the root or the
 * replaced folders are refused.
 */
public final class TreeWriter {
  private static final String STAGING_PREFIX = ".treum-staging-";

  /**
   * Writes {@code files} (paths relative to {@code root}) so that each folder in {@code managed}
   * holds exactly its files afterwards.
   *
   * @param verify called with the staging root before anything is swapped in; it throws to abort,
   *     leaving the previous tree intact
   */
  public void write(
      Path root, SortedMap<String, String> files, List<String> managed, Consumer<Path> verify) {
    Path absolute = root.toAbsolutePath().normalize();
    boolean created = !Files.exists(absolute, LinkOption.NOFOLLOW_LINKS);
    boolean written = false;
    try {
      writeBelow(checkRoot(root), files, managed, verify);
      written = true;
    } finally {
      if (created && !written) {
        // A failed render leaves no trace, not even the output directory it created.
        deleteIfEmpty(absolute);
      }
    }
  }

  /** Checks the output directory as {@link #write} does, without creating it. */
  public static void checkOutputDirectory(Path root) {
    refuseLinkOrFile(root.toAbsolutePath().normalize());
  }

  private static void deleteIfEmpty(Path directory) {
    try (var entries = Files.list(directory)) {
      if (entries.findAny().isEmpty()) {
        Files.delete(directory);
      }
    } catch (IOException e) {
      // best effort: the directory is empty or already gone either way
    }
  }

  private static void writeBelow(
      Path target, SortedMap<String, String> files, List<String> managed, Consumer<Path> verify) {
    for (String folder : managed) {
      refuseSymlinks(target, target.resolve(folder));
    }
    for (String path : files.keySet()) {
      requireInside(path, managed);
    }
    Path staging;
    try {
      staging = Files.createTempDirectory(target, STAGING_PREFIX);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a staging folder in " + target, e);
    }
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = staging.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      verify.accept(staging);
      swap(target, staging, managed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tree below " + target, e);
    } finally {
      deleteRecursively(staging);
    }
  }

  private static Path checkRoot(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    refuseLinkOrFile(absolute);
    try {
      Files.createDirectories(absolute);
      return absolute.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output directory " + absolute, e);
    }
  }

  private static void refuseLinkOrFile(Path absolute) {
    if (Files.isSymbolicLink(absolute)) {
      throw new RenderException(
          "output directory "
              + absolute
              + " is a symbolic link: point treum.outputDirectory at"
              + " a real directory");
    }
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(absolute)) {
      throw new RenderException(
          "output directory "
              + absolute
              + " is a file: point treum.outputDirectory at a"
              + " directory");
    }
  }

  private static void refuseSymlinks(Path root, Path folder) {
    for (Path p = folder; p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new RenderException(
            p
                + " is a symbolic link: treum writes only real files below "
                + root
                + "; remove the link");
      }
    }
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new RenderException(folder + " is a file where treum writes a folder: remove it");
    }
    try (var paths = Files.walk(folder)) {
      paths
          .filter(Files::isSymbolicLink)
          .findFirst()
          .ifPresent(
              link -> {
                throw new RenderException(
                    link
                        + " is a symbolic link inside a folder treum renders: remove it (Argo CD"
                        + " refuses links that leave the repository, and treum never writes them)");
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireInside(String path, List<String> managed) {
    Path p = Path.of(path);
    boolean safe =
        !p.isAbsolute() && !path.contains("\\") && p.normalize().equals(p) && !p.startsWith("..");
    boolean inManaged =
        managed.stream()
            .anyMatch(m -> p.startsWith(m) && p.getNameCount() > Path.of(m).getNameCount());
    if (!safe || !inManaged) {
      throw new RenderException(
          "refusing to write '" + path + "': it is not inside the rendered folders " + managed);
    }
  }

  private static void swap(Path root, Path staging, List<String> managed) throws IOException {
    Path backup = staging.resolve(".previous");
    List<String> done = new ArrayList<>();
    try {
      for (String folder : managed) {
        Path current = root.resolve(folder);
        Path fresh = staging.resolve(folder);
        Path old = backup.resolve(folder);
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(old.getParent());
          move(current, old);
        }
        if (Files.exists(fresh)) {
          Files.createDirectories(current.getParent());
          move(fresh, current);
        }
        done.add(folder);
      }
    } catch (IOException | RuntimeException e) {
      java.util.Collections.reverse(done);
      for (String folder : done) {
        Path current = root.resolve(folder);
        Path old = backup.resolve(folder);
        deleteRecursively(current);
        if (Files.exists(old)) {
          move(old, current);
        }
      }
      throw e;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
