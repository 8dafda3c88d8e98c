package io.treum.gitops.policy;

import io.treum.gitops.files.Folders;
import io.treum.gitops.policy.PolicySources.RegoFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.GZIPInputStream;

/**
 * Compiles user Rego together with TREUM's own Rego (shipped in treum-policies under {@value
 * #REGO_FOLDER}) into one Wasm module of the gate, so that the gate evaluates the user's {@code
 * main}, {@code treum.resource.*} and {@code treum.cross.*} rules and their {@code exception}s next
 * to TREUM's — and reads the user rules' catalogue from their {@code # METADATA}.
 *
 * <p>Runs {@code opa build -t wasm -e treum/gate/report --capabilities capabilities.json} (the
 * builtins of the in-process runtime, so a call it cannot run fails here, not during validation)
 * and {@code opa inspect --annotations} in a temporary folder that is deleted afterwards. opa sees
 * only relative paths and the files in a fixed order, so equal sources give an equal module.
 */
final class RegoCompiler {
  /** Where treum-policies keeps TREUM's Rego sources. */
  static final String REGO_FOLDER = PolicySet.BUNDLED_FOLDER + "rego/";

  /** TREUM's gate, which has the entrypoint. */
  static final String GATE = REGO_FOLDER + "treum/gate/gate.rego";

  /** Where treum-policies keeps the builtins of the in-process runtime. */
  static final String CAPABILITIES = PolicySet.BUNDLED_FOLDER + "capabilities.json";

  /** How long one opa command may take. */
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** The largest module or inspect output read back from opa. */
  static final int MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

  private static final String BUNDLED = "treum-policies";
  private static final String USER = "user";

  private final ClassLoader bundledPolicies;
  private final Map<String, String> environment;
  private final Path temporaryRoot;

  /** The module and the user rules' catalogue. */
  record Compiled(PolicyModule module, RuleCatalogue catalogue) {}

  /**
   * @param bundledPolicies the class loader that has treum-policies (its Rego and capabilities)
   * @param environment where to look for opa (see {@link OpaBinary#locate})
   */
  RegoCompiler(ClassLoader bundledPolicies, Map<String, String> environment) {
    this(bundledPolicies, environment, null);
  }

  /**
   * @param temporaryRoot where the temporary compile folder is made, {@code null} for the system's
   */
  RegoCompiler(ClassLoader bundledPolicies, Map<String, String> environment, Path temporaryRoot) {
    this.bundledPolicies = Objects.requireNonNull(bundledPolicies, "bundledPolicies");
    this.environment = Map.copyOf(environment);
    this.temporaryRoot = temporaryRoot;
  }

  /**
   * Compiles {@code files} with TREUM's Rego.
   *
   * @throws PolicyInputException when opa is not installed or the Rego does not compile, naming the
   *     user's file and line
   * @throws PolicyException when TREUM's sources are missing or opa fails otherwise
   */
  Compiled compile(List<RegoFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no Rego to compile");
    }
    OpaBinary opa =
        OpaBinary.locate(environment)
            .orElseThrow(
                () ->
                    new PolicyInputException(
                        "treum.policies has .rego files in "
                            + entries(files)
                            + ", which need opa on PATH to compile: install opa v1.22.x or pass a"
                            + " compiled .wasm"));
    SortedMap<String, byte[]> bundled = bundledRego();
    byte[] capabilities = bundledResource(CAPABILITIES);
    Path work;
    try {
      work =
          temporaryRoot == null
              ? Files.createTempDirectory("treum-policies-")
              : Files.createTempDirectory(temporaryRoot, "treum-policies-");
    } catch (IOException e) {
      throw new PolicyException("cannot create a folder to compile treum.policies in: " + e, e);
    }
    try {
      Map<String, String> origins = writeSources(work, bundled, files);
      write(work, "capabilities.json", capabilities);
      byte[] wasm = build(opa, work, files, origins);
      RuleCatalogue catalogue = inspect(opa, work, files, origins);
      return new Compiled(new PolicyModule(BUNDLED + " + " + entries(files), wasm), catalogue);
    } finally {
      Folders.deleteQuietly(work);
    }
  }

  /**
   * Writes TREUM's sources below {@value #BUNDLED}, the user's below {@value #USER}.
   *
   * @return each written path, relative to {@code work}, with the user's name for it: to translate
   *     opa's messages, longest first
   */
  private static Map<String, String> writeSources(
      Path work, SortedMap<String, byte[]> bundled, List<RegoFile> files) {
    Map<String, String> origins =
        new TreeMap<>(
            Comparator.comparingInt(String::length)
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
    for (Map.Entry<String, byte[]> source : bundled.entrySet()) {
      String path = BUNDLED + "/" + source.getKey();
      write(work, path, source.getValue());
      origins.put(path, BUNDLED + ":" + REGO_FOLDER + source.getKey());
    }
    for (RegoFile file : files) {
      String path = USER + "/" + file.path();
      if (origins.put(path, file.origin()) != null) {
        throw new PolicyInputException(
            file.origin() + " is named twice in treum.policies: remove one of them");
      }
      write(work, path, file.text().getBytes(StandardCharsets.UTF_8));
    }
    return origins;
  }

  /** {@code opa build} of everything, returning the module. */
  private static byte[] build(
      OpaBinary opa, Path work, List<RegoFile> files, Map<String, String> origins) {
    OpaBinary.Outcome build =
        opa.run(
            work,
            work.resolve("build.out"),
            TIMEOUT,
            List.of(
                "build",
                "--target",
                "wasm",
                "--entrypoint",
                PolicyEngine.REPORT_ENTRYPOINT,
                "--capabilities",
                "capabilities.json",
                "--output",
                "bundle.tar.gz",
                BUNDLED,
                USER));
    if (build.exitCode() != 0) {
      throw new PolicyInputException(
          "the Rego of treum.policies ("
              + entries(files)
              + ") does not compile with TREUM's policies for the in-process engine:\n"
              + translate(build.message(), origins)
              + hint(build.message()));
    }
    return policyWasm(work.resolve("bundle.tar.gz"));
  }

  /** {@code opa inspect} of the user's sources, returning their rules' catalogue. */
  private static RuleCatalogue inspect(
      OpaBinary opa, Path work, List<RegoFile> files, Map<String, String> origins) {
    OpaBinary.Outcome inspect =
        opa.run(
            work,
            work.resolve("inspect.json"),
            TIMEOUT,
            List.of("inspect", "--annotations", "--format", "json", USER));
    if (inspect.exitCode() != 0) {
      throw new PolicyInputException(
          "cannot read the # METADATA of treum.policies ("
              + entries(files)
              + "):\n"
              + translate(inspect.message(), origins));
    }
    return AnnotatedRules.catalogue(
        new String(readBounded(inspect.stdout()), StandardCharsets.UTF_8),
        file -> origins.getOrDefault(file, file),
        "# METADATA of " + entries(files));
  }

  /** The {@code treum.policies} entries the files came from, for messages and the module name. */
  private static String entries(List<RegoFile> files) {
    Set<String> entries = new LinkedHashSet<>();
    files.forEach(file -> entries.add(file.entry().toString()));
    return String.join(", ", entries);
  }

  /** opa's message with the user's file names instead of the temporary folder's. */
  static String translate(String message, Map<String, String> origins) {
    String translated = message;
    // longest paths first, so that no path replaces part of another
    for (Map.Entry<String, String> origin : origins.entrySet()) {
      translated = translated.replace(origin.getKey(), origin.getValue());
    }
    return translated;
  }

  private static String hint(String message) {
    if (message.contains("`if` keyword is required") || message.contains("`contains` keyword")) {
      return "\n(treum compiles Rego v1, as opa 1.x and conftest do: upgrade v0 policies with"
          + " opa fmt --write --v0-v1 <folder>)";
    }
    if (message.contains("undefined function")) {
      return "\n(the in-process engine runs OPA's Wasm, which lacks some builtins: see"
          + " capabilities.json in treum-policies)";
    }
    return "";
  }

  private static void write(Path work, String relative, byte[] bytes) {
    Path file = work.resolve(relative).normalize();
    if (!file.startsWith(work)) {
      throw new PolicyInputException(relative + " would be written outside the compile folder");
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new PolicyException("cannot write " + file + " to compile treum.policies: " + e, e);
    }
  }

  /** {@code /policy.wasm} of the bundle opa built (a gzipped tar). */
  static byte[] policyWasm(Path bundle) {
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(bundle)))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, header.length) == header.length && header[0] != 0) {
        String name = text(header, 0, 100);
        if (text(header, 257, 5).equals("ustar") && header[345] != 0) {
          name = text(header, 345, 155) + "/" + name;
        }
        long size = Long.parseLong(text(header, 124, 12).trim(), 8);
        byte type = header[156];
        if ((type == '0' || type == 0) && name.replaceFirst("^\\.?/", "").equals("policy.wasm")) {
          if (size > MAX_OUTPUT_BYTES) {
            throw new PolicyException("opa built a policy.wasm of " + size + " bytes");
          }
          return in.readNBytes((int) size);
        }
        in.skipNBytes((size + 511) / 512 * 512);
      }
    } catch (IOException | NumberFormatException e) {
      throw new PolicyException("cannot read the bundle opa build wrote: " + e, e);
    }
    throw new PolicyException("the bundle opa build wrote has no policy.wasm");
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static byte[] readBounded(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES + 1);
      if (bytes.length > MAX_OUTPUT_BYTES) {
        throw new PolicyException("opa wrote more than " + MAX_OUTPUT_BYTES + " bytes to " + file);
      }
      return bytes;
    } catch (IOException e) {
      throw new PolicyException("cannot read what opa wrote to " + file + ": " + e, e);
    }
  }

  /** TREUM's Rego sources, by path below {@value #REGO_FOLDER}, from a folder or a jar. */
  private SortedMap<String, byte[]> bundledRego() {
    // found through a file every version has: a jar need not list its folders
    URL url = bundledPolicies.getResource(GATE);
    if (url == null) {
      throw new PolicyException(
          "TREUM's Rego sources are not on the classpath ("
              + GATE
              + " is missing), but treum.policies has .rego files to compile with them: use a"
              + " treum-policies that ships them");
    }
    SortedMap<String, byte[]> sources = new TreeMap<>();
    try {
      if (url.getProtocol().equals("file")) {
        Path root = Path.of(url.toURI()).getParent().getParent().getParent();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                files.add(file);
                return FileVisitResult.CONTINUE;
              }
            });
        for (Path file : files) {
          String relative = root.relativize(file).toString().replace('\\', '/');
          if (relative.endsWith(".rego")) {
            sources.put(relative, Files.readAllBytes(file));
          }
        }
      } else {
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
          throw new PolicyException("cannot list TREUM's Rego sources at " + url);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String name = entry.getName();
            if (name.startsWith(REGO_FOLDER) && name.endsWith(".rego") && !entry.isDirectory()) {
              try (InputStream in = jar.getInputStream(entry)) {
                sources.put(name.substring(REGO_FOLDER.length()), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new PolicyException("cannot read TREUM's Rego sources at " + url + ": " + e, e);
    }
    if (sources.isEmpty()) {
      throw new PolicyException("TREUM's Rego sources at " + url + " hold no .rego file");
    }
    return sources;
  }

  private byte[] bundledResource(String name) {
    try (InputStream in = bundledPolicies.getResourceAsStream(name)) {
      if (in == null) {
        throw new PolicyException(
            name + " is not on the classpath: use a treum-policies that ships it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
