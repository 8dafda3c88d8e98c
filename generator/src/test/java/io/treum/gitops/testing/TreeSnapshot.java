package io.treum.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every byte below a folder, to compare a tree before and after an operation that must leave it
 * alone: regular files by content, folders by presence, symbolic links by target (never followed).
 */
public record TreeSnapshot(SortedMap<String, String> entries) {

  /** Takes a snapshot of {@code root}; a missing root is an empty snapshot. */
  public static TreeSnapshot of(Path root) {
    SortedMap<String, String> entries = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return new TreeSnapshot(entries);
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      entries.put("", describe(root));
      return new TreeSnapshot(entries);
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        entries.put(root.relativize(path).toString().replace('\\', '/'), describe(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TreeSnapshot(entries);
  }

  private static String describe(Path path) {
    try {
      if (Files.isSymbolicLink(path)) {
        return "link -> " + Files.readSymbolicLink(path);
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return "folder";
      }
      return "file " + Base64.getEncoder().encodeToString(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries whose path starts with {@code prefix}. */
  public TreeSnapshot under(String prefix) {
    SortedMap<String, String> selected = new TreeMap<>();
    entries.forEach(
        (path, value) -> {
          if (path.equals(prefix) || path.startsWith(prefix + "/")) {
            selected.put(path, value);
          }
        });
    return new TreeSnapshot(selected);
  }

  /** Paths of leftover staging folders (anything named {@code .treum-staging-*}). */
  public List<String> stagingFolders() {
    List<String> found = new ArrayList<>();
    for (String path : entries.keySet()) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.startsWith(".treum-staging-")) {
        found.add(path);
      }
    }
    return found;
  }

  /** A file's content as text. */
  public String text(String path) {
    String value = entries.get(path);
    if (value == null || !value.startsWith("file ")) {
      throw new AssertionError(path + " is not a file in the snapshot: " + value);
    }
    return new String(Base64.getDecoder().decode(value.substring(5)), StandardCharsets.UTF_8);
  }
}
