package io.treum.gitops.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deletes files, symbolic links and folders with everything in them, on any file system. */
public final class Folders {
  private Folders() {}

  /**
   * Deletes {@code path}: a file, a symbolic link (never what it points to) or a folder and its
   * contents. Nothing to do when it does not exist.
   */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> walk = Files.walk(path)) {
      deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path inside : deepestFirst) {
      Files.deleteIfExists(inside);
    }
  }

  /**
   * As {@link #delete}, for a temporary folder whose leftovers are harmless: a failure is ignored,
   * so that it cannot hide the outcome of the work the folder served.
   */
  public static void deleteQuietly(Path path) {
    try {
      delete(path);
    } catch (IOException e) {
      // what could not be deleted stays; the caller's outcome stands
    }
  }
}
