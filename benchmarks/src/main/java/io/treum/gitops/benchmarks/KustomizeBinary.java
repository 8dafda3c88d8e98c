package io.treum.gitops.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kustomize} binary the benchmark compares with, found as the tests find it: {@code
 * TREUM_KUSTOMIZE}, then {@code $TREUM_TOOLS_BIN/kustomize}, then {@code
 * ~/.cache/treum-tools/bin/kustomize}, then {@code PATH}.
 */
public final class KustomizeBinary {
  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

  private final Path path;

  KustomizeBinary(Path path) {
    this.path = path;
  }

  /**
   * Finds the binary.
   *
   * @param environment the process environment ({@code System.getenv()})
   * @param userHome the user's home folder
   * @return the binary, or empty when it is not installed
   * @throws IllegalStateException when {@code TREUM_KUSTOMIZE} names something not executable: an
   *     explicit choice that does not work is an error, not a reason to skip
   */
  public static Optional<KustomizeBinary> locate(Map<String, String> environment, Path userHome) {
    return ToolBinaries.locate("kustomize", "TREUM_KUSTOMIZE", environment, userHome)
        .map(KustomizeBinary::new);
  }

  public Path path() {
    return path;
  }

  /** What {@code kustomize version} prints, trimmed. */
  public String version() {
    Run run = run(List.of(path.toString(), "version"), Duration.ofSeconds(30), null);
    if (!run.succeeded()) {
      throw new IllegalStateException(path + " version failed: " + run.error());
    }
    return run.output().trim();
  }

  /**
   * Runs {@code kustomize build <overlay>} and times it from process start to exit. It runs under
   * {@code /bin/sh}, whose {@code times} reports the CPU time kustomize used: on a shared machine
   * that varies far less than wall-clock time.
   *
   * @return the run; a timed-out run has {@code timedOut} set and no output
   */
  public Run build(Path overlay, Duration timeout) {
    try {
      Path times = Files.createTempFile("kustomize-times", ".txt");
      try {
        return run(
            List.of(
                "/bin/sh",
                "-c",
                "\"$0\" build \"$1\"; status=$?; times > \"$2\"; exit $status",
                path.toString(),
                overlay.toString(),
                times.toString()),
            timeout,
            times);
      } finally {
        deleteQuietly(times);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file", e);
    }
  }

  private static Run run(List<String> command, Duration timeout, Path times) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("kustomize-out", ".yaml");
      err = Files.createTempFile("kustomize-err", ".txt");
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return new Run(Duration.ofNanos(System.nanoTime() - start), null, true, -1, "", "");
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Run(
          elapsed,
          times == null ? null : childrenCpu(Files.readString(times, StandardCharsets.UTF_8)),
          false,
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /**
   * The children's user + system time from what the shell's {@code times} prints: a line for the
   * shell, then one for its children, each {@code <m>m<s>s <m>m<s>s}.
   *
   * @return the CPU time, or {@code null} when the text is not in that form
   */
  static Duration childrenCpu(String times) {
    String[] lines = times.strip().split("\n");
    if (lines.length != 2) {
      return null;
    }
    Matcher matcher = TIMES.matcher(lines[1].strip());
    if (!matcher.matches()) {
      return null;
    }
    double seconds =
        Integer.parseInt(matcher.group(1)) * 60
            + Double.parseDouble(matcher.group(2))
            + Integer.parseInt(matcher.group(3)) * 60
            + Double.parseDouble(matcher.group(4));
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a leftover temporary file does not change the measurement
      }
    }
  }

  /**
   * One run of the binary.
   *
   * @param elapsed wall-clock time from process start to exit (or to the timeout)
   * @param cpu user + system CPU time of kustomize, or {@code null} when not known
   * @param timedOut whether the run was stopped at the timeout
   * @param exitCode the exit code, -1 when timed out
   * @param output standard output
   * @param error standard error
   */
  public record Run(
      Duration elapsed, Duration cpu, boolean timedOut, int exitCode, String output, String error) {
    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }
}
