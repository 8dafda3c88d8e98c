package io.treum.gitops.bump;

import static java.util.stream.Collectors.joining;

import io.treum.gitops.policy.PolicyEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One bump in a JVM of its own, for the tests that race separate processes. Arguments: repository,
 * image, tag, work folder; the token comes from {@value GitCredentials#TOKEN_VARIABLE} as in the
 * Maven goal. Prints the bump's log, then {@code result <outcome> <commit> <attempts> <bumpId>}; on
 * a {@link BumpException} prints {@code failed: <message>} to stderr and exits 1. JGit logs at
 * every level to stderr, so that the tests read all a process could print.
 */
final class BumpMain {
  static final int MAX_ATTEMPTS = 40;

  /** How long the tests wait for bump processes to finish: long enough for a loaded machine. */
  static final Duration PATIENCE = Duration.ofMinutes(15);

  /** How each of JGit's log records starts, on a line of its own. */
  static final String JGIT_RECORD = "jgit: ";

  private BumpMain() {}

  public static void main(String[] args) {
    Logger jgit = Logger.getLogger("org.eclipse.jgit");
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(Level.ALL);
    jgit.setLevel(Level.ALL);
    jgit.setUseParentHandlers(false);
    jgit.addHandler(console);

    BumpRequest request =
        BumpCommandTest.request(
            args[0],
            args[1],
            args[2],
            MAX_ATTEMPTS,
            GitCredentials.fromEnvironment(System.getenv()));
    try (BumpCommand command =
        BumpCommandTest.command(
            Backoff.standard(new Random()),
            new PolicyEngines(BumpMain.class.getClassLoader())::select,
            Path.of(args[3]),
            System.out::println)) {
      BumpResult result = command.call(request);
      System.out.println(
          "result "
              + result.outcome()
              + " "
              + result.commit()
              + " "
              + result.attempts()
              + " "
              + result.bumpId());
    } catch (BumpException e) {
      System.err.println("failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** A finished run of {@link #main}: its exit code and what it printed. */
  record Outcome(int exitCode, String out, String err) {
    /** What it printed besides JGit's log records. */
    String printed() {
      return (out + err).lines().filter(l -> !l.startsWith(JGIT_RECORD)).collect(joining("\n"));
    }

    /** The words of the {@code result} line. */
    List<String> result() {
      return out.lines()
          .filter(l -> l.startsWith("result "))
          .map(l -> List.of(l.split(" ")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no result line in:\n" + out + err));
    }
  }

  /** Bumps in separate JVMs running {@link #main}; all are killed if they outlive the wait. */
  static final class Processes implements AutoCloseable {
    private record Started(Process process, Path out, Path err) {}

    private final Path folder;
    private final List<Started> started = new ArrayList<>();

    Processes(Path folder) {
      this.folder = folder;
    }

    /**
     * Starts a bump of {@code image} to {@code tag}, with {@code credentials} in the environment.
     */
    void start(String repository, String image, String tag, GitCredentials credentials)
        throws IOException {
      int index = started.size();
      Path out = folder.resolve("bump-" + index + ".out");
      Path err = folder.resolve("bump-" + index + ".err");
      Files.createDirectories(folder);
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Djava.util.logging.SimpleFormatter.format="
                      + JGIT_RECORD
                      + "%4$s %3$s %5$s%6$s%n",
                  "-cp",
                  System.getProperty("java.class.path"),
                  BumpMain.class.getName(),
                  repository,
                  image,
                  tag,
                  folder.resolve("work-" + index).toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().put(GitCredentials.USER_VARIABLE, credentials.user());
      builder.environment().put(GitCredentials.TOKEN_VARIABLE, credentials.token());
      started.add(new Started(builder.start(), out, err));
    }

    /** Waits for every process, at most {@code timeout} in all. */
    List<Outcome> await(Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<Outcome> outcomes = new ArrayList<>();
      for (Started bump : started) {
        if (!bump.process().waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          throw new AssertionError(
              "a bump process still runs after " + timeout + ": " + bump.out());
        }
        outcomes.add(
            new Outcome(
                bump.process().exitValue(),
                Files.readString(bump.out(), StandardCharsets.UTF_8),
                Files.readString(bump.err(), StandardCharsets.UTF_8)));
      }
      return outcomes;
    }

    @Override
    public void close() {
      started.forEach(bump -> bump.process().destroyForcibly());
    }
  }
}
