package io.treum.gitops.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A kustomization folder and Kustomize's default load restrictor ({@code RootOnly}): every file a
 * kustomization reads must resolve, symlinks followed, to a file at or below this folder (path
 * segments, not string prefixes); absolute paths and remote URLs are refused.
 */
public final class KustomizationRoot {
  /** The file names Kustomize recognises, in its order. */
  static final List<String> FILE_NAMES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** Largest file treum reads, in bytes. */
  static final long MAX_FILE_BYTES = ManifestYaml.MAX_DOCUMENT_CODE_POINTS * 4L;

  private final Path directory;
  private final Path real;
  private final Path file;

  private KustomizationRoot(Path directory, Path real, Path file) {
    this.directory = directory;
    this.real = real;
    this.file = file;
  }

  /**
   * Opens a kustomization folder.
   *
   * @throws KustomizeException when it has no (or more than one) kustomization file
   */
  public static KustomizationRoot open(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    Path real = realPath(absolute, absolute.toString());
    if (!Files.isDirectory(real)) {
      throw new KustomizeException(absolute + " is not a folder with a kustomization.yaml");
    }
    List<Path> found = new ArrayList<>();
    for (String name : FILE_NAMES) {
      Path candidate = absolute.resolve(name);
      if (Files.isRegularFile(candidate)) {
        found.add(candidate);
      }
    }
    if (found.isEmpty()) {
      throw new KustomizeException(
          absolute + " has no kustomization.yaml: every base, overlay and component needs one");
    }
    if (found.size() > 1) {
      throw new KustomizeException(
          absolute + " has several kustomization files " + found + ": keep one");
    }
    return new KustomizationRoot(absolute, real, found.get(0));
  }

  /** The folder as given (absolute, normalised). */
  public Path directory() {
    return directory;
  }

  /** The folder with symlinks resolved. */
  public Path realDirectory() {
    return real;
  }

  /** The kustomization file. */
  public Path file() {
    return file;
  }

  /** Reads the kustomization file. */
  public String readKustomization() {
    return read(file);
  }

  /**
   * Resolves a reference to a file inside this root.
   *
   * @param field the kustomization field that names it, for messages
   */
  public Path file(String reference, String field) {
    requireLocal(reference, field);
    Path resolved = realPath(directory.resolve(reference), describe(reference, field));
    if (!resolved.startsWith(real)) {
      throw new KustomizeException(
          file
              + ": "
              + field
              + " '"
              + reference
              + "' resolves to "
              + resolved
              + ", which is outside the kustomization root "
              + real
              + "; files must be at or below the folder of the kustomization that names them");
    }
    if (!Files.isRegularFile(resolved)) {
      throw new KustomizeException(file + ": " + field + " '" + reference + "' is not a file");
    }
    return resolved;
  }

  /**
   * Resolves a reference to another kustomization folder (a base or component). Bases may live
   * outside this root, but may not be this folder or one of its parents.
   */
  public Path directory(String reference, String field) {
    requireLocal(reference, field);
    Path resolved = directory.resolve(reference).normalize();
    Path realResolved = realPath(resolved, describe(reference, field));
    if (real.startsWith(realResolved)) {
      throw new KustomizeException(
          file
              + ": cycle: "
              + field
              + " '"
              + reference
              + "' ("
              + realResolved
              + ") is "
              + (real.equals(realResolved) ? "this folder itself" : "an ancestor of " + real)
              + "; a base must be a separate folder, not '.' or a parent");
    }
    return resolved;
  }

  /** Whether a reference names a folder (a base) rather than a file. */
  public boolean isDirectory(String reference) {
    return !isRemote(reference)
        && !Path.of(reference).isAbsolute()
        && Files.isDirectory(directory.resolve(reference));
  }

  private void requireLocal(String reference, String field) {
    if (reference == null || reference.isBlank()) {
      throw new KustomizeException(file + ": " + field + " has an empty entry");
    }
    if (isRemote(reference)) {
      throw new KustomizeException(
          file
              + ": "
              + field
              + " '"
              + reference
              + "' is a remote base; treum builds only local trees (vendor the base into the"
              + " repository)");
    }
    if (Path.of(reference).isAbsolute()) {
      throw new KustomizeException(
          file
              + ": "
              + field
              + " '"
              + reference
              + "' is an absolute path; use a path relative to "
              + directory);
    }
  }

  private static boolean isRemote(String reference) {
    return reference.contains("://")
        || reference.startsWith("github.com/")
        || reference.startsWith("git@")
        || reference.contains("?ref=");
  }

  private String describe(String reference, String field) {
    return file + ": " + field + " '" + reference + "'";
  }

  static Path realPath(Path path, String what) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new KustomizeException(what + ": not found (" + path + ")", e);
    }
  }

  /** Reads a file that passed the restrictions, bounded in size. */
  public static String read(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
        throw new KustomizeException(file + " is not a regular file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KustomizeException(
            file + " is larger than " + MAX_FILE_BYTES + " bytes: too large to be a manifest");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KustomizeException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
