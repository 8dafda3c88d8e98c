package io.treum.gitops.policy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code opa} executable that compiles user Rego ({@code treum.policies}). Found in an injected
 * environment: {@code TREUM_OPA} (the binary itself), then {@code $TREUM_TOOLS_BIN/opa} (where
 * tools/install-test-tools.sh puts it), then {@code PATH}.
 *
 * @param path the executable
 */
record OpaBinary(Path path) {
  /** The most of opa's standard error kept for a message. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024;

  OpaBinary {
    Objects.requireNonNull(path, "path");
  }

  /**
   * What a finished opa command did.
   *
   * @param exitCode its exit code
   * @param stdout the file that holds its standard output
   * @param message when it failed, the start of what it printed (opa build prints its errors to
   *     standard output, opa inspect to standard error); else the start of its standard error
   */
  record Outcome(int exitCode, Path stdout, String message) {}

  /**
   * Finds opa in {@code environment}, or nothing when it is not installed.
   *
   * @throws PolicyInputException when {@code TREUM_OPA} names something that is not an executable
   */
  static Optional<OpaBinary> locate(Map<String, String> environment) {
    String explicit = environment.get("TREUM_OPA");
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new PolicyInputException(
            "TREUM_OPA=" + explicit + " is not an executable file: point it at an opa binary");
      }
      return Optional.of(new OpaBinary(path));
    }
    List<String> folders = new ArrayList<>();
    String tools = environment.get("TREUM_TOOLS_BIN");
    if (tools != null && !tools.isBlank()) {
      folders.add(tools);
    }
    String path = environment.getOrDefault("PATH", "");
    folders.addAll(List.of(path.split(File.pathSeparator)));
    for (String folder : folders) {
      if (folder.isBlank()) {
        continue;
      }
      for (String name : List.of("opa", "opa.exe")) {
        Path candidate = Path.of(folder, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new OpaBinary(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Runs {@code opa <arguments>} in {@code directory}, standard output into {@code stdout}.
   *
   * @throws PolicyException when opa cannot be started or does not finish within {@code timeout}
   */
  Outcome run(Path directory, Path stdout, Duration timeout, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    command.addAll(arguments);
    Path stderr = stdout.resolveSibling(stdout.getFileName() + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // opa's experimental wasm-opt pass would make the module depend on the machine
    builder.environment().remove("EXPERIMENTAL_WASM_OPT");
    builder.environment().remove("EXPERIMENTAL_WASM_OPT_ARGS");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PolicyException("cannot run " + path + ": " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new PolicyException(
            path + " " + arguments.get(0) + " did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PolicyException("interrupted while " + path + " was running", e);
    }
    String message = head(stderr);
    if (process.exitValue() != 0) {
      message = (head(stdout) + "\n" + message).strip();
    }
    return new Outcome(process.exitValue(), stdout, message);
  }

  private static File nullDevice() {
    return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
  }

  /** The start of a file opa wrote, for a message. */
  private static String head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_MESSAGE_CHARS);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(cannot read opa's error output: " + e.getMessage() + ")";
    }
  }
}
