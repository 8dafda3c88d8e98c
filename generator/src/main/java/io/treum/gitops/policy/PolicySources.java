package io.treum.gitops.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The user policies {@code treum.policies} names, read without trusting them. Each entry is one of
 *
 * <ul>
 *   <li>a folder, searched (not following links) for {@code .rego} sources, compiled {@code .wasm}
 *       modules and {@code rules.json} catalogues;
 *   <li>a {@code .rego} file;
 *   <li>a {@code .wasm} module (a raw module with the {@value PolicyEngine#REPORT_ENTRYPOINT}
 *       entrypoint), with the {@code rules.json} beside it when there is one;
 *   <li>a jar (or zip), searched like a folder, except for {@code META-INF/} and TREUM's own
 *       policies under {@value PolicySet#BUNDLED_FOLDER}, which every run has anyway.
 * </ul>
 *
 * Rego tests ({@code *_test.rego}) and other files are skipped. Every problem is a {@link
 * PolicyInputException} naming the file and the fix: an entry that does not exist or holds no
 * policy, a symbolic link that leaves its folder, a jar entry whose name climbs out ({@code ..}) or
 * is absolute, a file over its size limit, text that is not UTF-8.
 *
 * @param rego the Rego sources, to compile together with TREUM's
 * @param modules the compiled modules
 * @param catalogue the rules the {@code rules.json} files describe
 */
record PolicySources(List<RegoFile> rego, List<PolicyModule> modules, RuleCatalogue catalogue) {
  /** The largest {@code .rego} file read. */
  static final int MAX_REGO_BYTES = 1024 * 1024;

  /** The largest {@code .wasm} module read. */
  static final int MAX_WASM_BYTES = 64 * 1024 * 1024;

  /** The largest {@code rules.json} read. */
  static final int MAX_CATALOGUE_BYTES = 4 * 1024 * 1024;

  /** The most bytes read from all entries together. */
  static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  /** The most policy files ({@code .rego}, {@code .wasm}, {@code rules.json}) read. */
  static final int MAX_FILES = 10_000;

  /** The most entries a jar may have. */
  static final int MAX_JAR_ENTRIES = 200_000;

  /** How deep folders are searched. */
  static final int MAX_DEPTH = 32;

  /** The name of a catalogue beside compiled modules. */
  static final String CATALOGUE_NAME = "rules.json";

  /**
   * One Rego source.
   *
   * @param entry the {@code treum.policies} entry it came from
   * @param origin how messages name it: its file, or {@code <jar>!/<entry>}
   * @param path where it goes in the folder that is compiled: the index of its entry, then its path
   *     within the entry, {@code /}-separated and free of {@code ..}
   * @param text the source
   */
  record RegoFile(Path entry, String origin, String path, String text) {
    RegoFile {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
    }
  }

  PolicySources {
    rego = List.copyOf(rego);
    modules = List.copyOf(modules);
    Objects.requireNonNull(catalogue, "catalogue");
  }

  /**
   * Reads every entry.
   *
   * @throws PolicyInputException naming the entry or file that cannot be used
   */
  static PolicySources read(List<Path> entries) {
    Reader reader = new Reader();
    Set<Path> seen = new HashSet<>();
    for (int index = 0; index < entries.size(); index++) {
      Path entry = entries.get(index);
      if (!seen.add(realPath(entry))) {
        throw new PolicyInputException("treum.policies names " + entry + " twice: name it once");
      }
      reader.entry(index, entry);
    }
    return new PolicySources(reader.rego, reader.modules, reader.catalogue);
  }

  private enum Kind {
    REGO,
    WASM,
    CATALOGUE,
    OTHER;

    static Kind of(String fileName) {
      if (fileName.equals(CATALOGUE_NAME)) {
        return CATALOGUE;
      }
      if (fileName.endsWith(".rego") && !fileName.endsWith("_test.rego")) {
        return REGO;
      }
      return fileName.endsWith(".wasm") ? WASM : OTHER;
    }
  }

  /** Reads entries one after the other, within the limits. */
  private static final class Reader {
    private final List<RegoFile> rego = new ArrayList<>();
    private final List<PolicyModule> modules = new ArrayList<>();
    private final Set<Path> catalogues = new HashSet<>();
    private RuleCatalogue catalogue = RuleCatalogue.empty();
    private long remainingBytes = MAX_TOTAL_BYTES;
    private int files;

    void entry(int index, Path entry) {
      int before = rego.size() + modules.size();
      Path real = realPath(entry);
      String name = real.getFileName() == null ? "" : real.getFileName().toString();
      if (Files.isDirectory(real)) {
        folder(index, entry, real);
      } else if (!Files.isRegularFile(real)) {
        throw new PolicyInputException(
            "treum.policies names " + entry + ", which is neither a folder nor a regular file");
      } else if (name.endsWith(".jar") || name.endsWith(".zip")) {
        jar(index, entry, real);
      } else if (Kind.of(name) == Kind.REGO) {
        add(Kind.REGO, entry, real.toString(), index + "/" + name, read(real, entry.toString()));
      } else if (Kind.of(name) == Kind.WASM) {
        add(Kind.WASM, entry, entry.toString(), "", read(real, entry.toString()));
        Path beside = real.resolveSibling(CATALOGUE_NAME);
        if (Files.isRegularFile(beside, LinkOption.NOFOLLOW_LINKS) && catalogues.add(beside)) {
          add(Kind.CATALOGUE, entry, beside.toString(), "", read(beside, beside.toString()));
        }
      } else {
        throw new PolicyInputException(
            "treum.policies names "
                + entry
                + ", which is neither a folder, a .rego or .wasm file nor a jar");
      }
      if (rego.size() + modules.size() == before) {
        throw new PolicyInputException(
            "treum.policies names "
                + entry
                + ", which holds no policy (no .rego file other than tests, no .wasm module):"
                + " point it at the folder or jar with the policies");
      }
    }

    private void folder(int index, Path entry, Path root) {
      List<Path> found = new ArrayList<>();
      try {
        Files.walkFileTree(
            root,
            Set.of(),
            MAX_DEPTH,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (Kind.of(file.getFileName().toString()) != Kind.OTHER) {
                  found.add(file);
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw e;
              }
            });
      } catch (IOException e) {
        throw new PolicyInputException(
            "cannot read the policy folder " + entry + ": " + describe(e), e);
      }
      found.sort(Comparator.comparing(file -> relative(root, file)));
      for (Path file : found) {
        String relative = relative(root, file);
        Path target = inside(root, file);
        Kind kind = Kind.of(file.getFileName().toString());
        if (kind != Kind.CATALOGUE || catalogues.add(target)) {
          add(kind, entry, file.toString(), index + "/" + relative, read(target, file.toString()));
        }
      }
    }

    private void jar(int index, Path entry, Path file) {
      try (ZipFile zip = new ZipFile(file.toFile())) {
        if (zip.size() > MAX_JAR_ENTRIES) {
          throw new PolicyInputException(
              entry
                  + " has "
                  + zip.size()
                  + " entries, more than the "
                  + MAX_JAR_ENTRIES
                  + " treum reads from a policy jar");
        }
        List<ZipEntry> wanted = new ArrayList<>();
        for (ZipEntry zipEntry : Collections.list(zip.entries())) {
          String name = zipEntry.getName();
          checkEntryName(name, entry);
          if (zipEntry.isDirectory()
              || name.startsWith("META-INF/")
              || name.startsWith(PolicySet.BUNDLED_FOLDER)) {
            continue;
          }
          if (kindOfEntry(name) != Kind.OTHER) {
            wanted.add(zipEntry);
          }
        }
        wanted.sort(Comparator.comparing(ZipEntry::getName));
        Set<String> names = new HashSet<>();
        for (ZipEntry zipEntry : wanted) {
          String name = zipEntry.getName();
          String origin = entry + "!/" + name;
          if (!names.add(name)) {
            throw new PolicyInputException(
                entry + " holds the entry " + name + " twice: rebuild the jar");
          }
          Kind kind = kindOfEntry(name);
          byte[] bytes;
          try (InputStream in = zip.getInputStream(zipEntry)) {
            bytes = bounded(in, origin, limit(kind));
          }
          add(kind, entry, origin, index + "/" + name, bytes);
        }
      } catch (ZipException e) {
        throw new PolicyInputException(
            entry + " is not a readable jar: " + describe(e) + " (rebuild it)", e);
      } catch (IOException e) {
        throw new PolicyInputException(
            "cannot read the policy jar " + entry + ": " + describe(e), e);
      }
    }

    private void add(Kind kind, Path entry, String origin, String path, byte[] bytes) {
      if (++files > MAX_FILES) {
        throw new PolicyInputException(
            "treum.policies holds more than "
                + MAX_FILES
                + " policy files (at "
                + origin
                + "): point it at the policy folders only");
      }
      switch (kind) {
        case REGO -> rego.add(new RegoFile(entry, origin, path, utf8(bytes, origin)));
        case WASM -> {
          try {
            modules.add(new PolicyModule(origin, bytes));
          } catch (PolicyException e) {
            throw new PolicyInputException(e.getMessage(), e);
          }
        }
        case CATALOGUE -> {
          try {
            catalogue = catalogue.with(RuleCatalogue.read(utf8(bytes, origin), origin));
          } catch (RuleCatalogueException e) {
            throw new PolicyInputException(e.getMessage(), e);
          }
        }
        case OTHER -> throw new IllegalStateException(origin);
      }
    }

    /** A file of a folder, or the file a link in it points to, which must be in the folder. */
    private Path inside(Path root, Path file) {
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path target = file;
        if (attributes.isSymbolicLink()) {
          try {
            target = file.toRealPath();
          } catch (NoSuchFileException e) {
            throw new PolicyInputException(
                file + " is a symbolic link to a file that does not exist: remove it");
          }
          if (!target.startsWith(root)) {
            throw new PolicyInputException(
                file
                    + " is a symbolic link to "
                    + target
                    + ", outside the policy folder "
                    + root
                    + ": copy the policy into the folder instead");
          }
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new PolicyInputException(
              file + " is not a regular file (a folder, device or pipe): rename or remove it");
        }
        return target;
      } catch (IOException e) {
        throw new PolicyInputException("cannot read " + file + ": " + describe(e), e);
      }
    }

    private byte[] read(Path file, String origin) {
      try (InputStream in = Files.newInputStream(file)) {
        return bounded(in, origin, limit(Kind.of(file.getFileName().toString())));
      } catch (IOException e) {
        throw new PolicyInputException("cannot read " + origin + ": " + describe(e), e);
      }
    }

    /** Reads at most {@code limit} bytes, counting them against the total. */
    private byte[] bounded(InputStream in, String origin, int limit) throws IOException {
      byte[] bytes = in.readNBytes((int) Math.min(limit, remainingBytes) + 1);
      if (bytes.length > limit) {
        throw new PolicyInputException(
            origin
                + " is larger than "
                + mebibytes(limit)
                + ", the most treum reads for such a file: is it the right file?");
      }
      if (bytes.length > remainingBytes) {
        throw new PolicyInputException(
            "the files of treum.policies add up to more than "
                + mebibytes(MAX_TOTAL_BYTES)
                + " (at "
                + origin
                + "): point it at the policy folders only");
      }
      remainingBytes -= bytes.length;
      return bytes;
    }
  }

  private static Kind kindOfEntry(String name) {
    return Kind.of(name.substring(name.lastIndexOf('/') + 1));
  }

  private static int limit(Kind kind) {
    return switch (kind) {
      case REGO -> MAX_REGO_BYTES;
      case WASM -> MAX_WASM_BYTES;
      case CATALOGUE -> MAX_CATALOGUE_BYTES;
      case OTHER -> 0;
    };
  }

  /**
   * Refuses names that would leave the folder a jar is compiled in (zip slip): absolute names,
   * {@code ..} segments, backslashes, drive letters, NUL.
   */
  static void checkEntryName(String name, Path jar) {
    boolean unsafe =
        name.isEmpty()
            || name.startsWith("/")
            || name.contains("\\")
            || name.indexOf('\0') >= 0
            || (name.length() > 1 && name.charAt(1) == ':')
            || List.of(name.split("/", -1)).contains("..");
    if (unsafe) {
      throw new PolicyInputException(
          jar
              + " has an entry named '"
              + name.replace("\0", "\\0")
              + "', which is absolute or climbs out of the jar (..): treum refuses the jar; rebuild"
              + " it with relative entry names");
    }
  }

  /**
   * Decodes UTF-8 strictly.
   *
   * @throws PolicyInputException naming the file and the offset of the first invalid byte
   */
  static String utf8(byte[] bytes, String origin) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new PolicyInputException(
          origin
              + " is not UTF-8 text (byte "
              + String.format("0x%02X", bytes[in.position()] & 0xFF)
              + " at offset "
              + in.position()
              + "): save it as UTF-8");
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static Path realPath(Path entry) {
    try {
      return entry.toRealPath();
    } catch (NoSuchFileException e) {
      throw new PolicyInputException(
          "treum.policies names " + entry + ", which does not exist: fix the path", e);
    } catch (IOException e) {
      throw new PolicyInputException("cannot read " + entry + ": " + describe(e), e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static String mebibytes(long bytes) {
    return bytes / (1024 * 1024) + " MiB";
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
