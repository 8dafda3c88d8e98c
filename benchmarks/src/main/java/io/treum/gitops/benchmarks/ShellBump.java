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
 * The bump users script today, run by bash: {@code git clone --depth 1 --branch main}, one {@code
 * yq -i} per overlay, {@code git commit -am}, {@code git push}. Its CPU time is what bash's {@code
 * times} reports for its children (git, the {@code git-upload-pack} and {@code git-receive-pack}
 * they start, yq), user + system.
 */
final class ShellBump {
  /** What mikefarah's yq v4 prints for {@code --version}, the yq whose {@code -i} the path uses. */
  private static final Pattern MIKEFARAH_V4 = Pattern.compile("mikefarah.*version v?4\\.");

  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

  private final Path yq;
  private final Duration timeout;

  private ShellBump(Path yq, Duration timeout) {
    this.yq = yq;
    this.timeout = timeout;
  }

  /** The outcome of one run: its wall-clock and children's CPU time. */
  record Run(Duration wall, Duration cpu) {}

  /**
   * The shell path with the yq found as the tests find tools ({@code TREUM_YQ}, {@code
   * $TREUM_TOOLS_BIN}, {@code ~/.cache/treum-tools/bin}, {@code PATH}), or why it cannot run: no
   * yq, or a yq that is not mikefarah's v4 (the python wrapper {@code yq} has another syntax and
   * rewrites the whole file).
   */
  static Optional<ShellBump> locate(
      Map<String, String> environment, Path userHome, Duration timeout, StringBuilder why) {
    Optional<Path> found = ToolBinaries.locate("yq", "TREUM_YQ", environment, userHome);
    if (found.isEmpty()) {
      why.append("yq not found (TREUM_YQ, $TREUM_TOOLS_BIN, ~/.cache/treum-tools/bin, PATH)");
      return Optional.empty();
    }
    String version = version(found.get());
    if (!MIKEFARAH_V4.matcher(version).find()) {
      why.append(found.get())
          .append(" reports '")
          .append(version.strip())
          .append("', not mikefarah yq v4");
      return Optional.empty();
    }
    return Optional.of(new ShellBump(found.get(), timeout));
  }

  /** The yq in use and its version. */
  String describe() {
    return yq + " (" + version(yq).strip() + ")";
  }

  private static String version(Path yq) {
    try {
      Process process =
          new ProcessBuilder(yq.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "cannot run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Bumps {@code service} to {@code tag} in {@code environments} of the repository at {@code url},
   * cloning into {@code clone} (which must not exist; deleted afterwards, outside the timing).
   */
  Run bump(String url, Path clone, String service, String tag, List<String> environments) {
    StringBuilder script = new StringBuilder("set -e\n");
    script.append("git clone -q --depth 1 --branch main \"$URL\" \"$DIR\"\n");
    script.append("cd \"$DIR\"\n");
    for (String environment : environments) {
      script
          .append("\"$YQ\" -i '(.images[] | select(.name == \"")
          .append(service)
          .append("\")).newTag = \"")
          .append(tag)
          .append("\"' ")
          .append(BumpRepository.relative(environment))
          .append('\n');
    }
    script.append(
        "git -c user.name=benchmark -c user.email=benchmark@treum.invalid commit -q -am \"Bump "
            + service
            + " to "
            + tag
            + "\"\n");
    script.append("git push -q origin main\n");
    script.append("times\n");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.toString());
    builder.environment().put("URL", url);
    builder.environment().put("DIR", clone.toString());
    builder.environment().put("YQ", yq.toString());
    builder.redirectErrorStream(true);
    try {
      Stopwatch watch = new Stopwatch();
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the shell bump took longer than " + timeout);
      }
      Duration wall = watch.wall();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "the shell bump failed (exit " + process.exitValue() + "):\n" + out);
      }
      return new Run(wall, childrenCpu(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run bash: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      deleteQuietly(clone);
    }
  }

  /** User + system time of the children from the second line of bash's {@code times}. */
  static Duration childrenCpu(String out) {
    List<String> lines = out.strip().lines().toList();
    if (lines.size() < 2) {
      throw new IllegalStateException("no output of bash's times in:\n" + out);
    }
    Matcher matcher = TIMES.matcher(lines.get(lines.size() - 1));
    if (!matcher.find()) {
      throw new IllegalStateException(
          "cannot read bash's times from: " + lines.get(lines.size() - 1));
    }
    return seconds(matcher.group(1), matcher.group(2))
        .plus(seconds(matcher.group(3), matcher.group(4)));
  }

  private static Duration seconds(String minutes, String seconds) {
    return Duration.ofMinutes(Long.parseLong(minutes))
        .plusNanos(Math.round(Double.parseDouble(seconds) * 1e9));
  }

  static void deleteQuietly(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (var files = Files.walk(folder)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover clone in the work folder is harmless
    }
  }
}
