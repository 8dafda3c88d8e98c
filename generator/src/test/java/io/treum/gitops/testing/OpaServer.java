package io.treum.gitops.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code opa run --server} on a free loopback port, for the server engine's tests: the
 * pinned opa ({@code OPA_VERSION} in {@code tools/install-test-tools.sh}), found like every test
 * tool ({@link ToolLocator}, variable {@code TREUM_OPA}). A missing or different opa fails the
 * test; it never skips. {@link #close()} kills the process; a shutdown hook does it if the JVM ends
 * first.
 */
public final class OpaServer implements AutoCloseable {
  private static final Path INSTALL_SCRIPT = Path.of("../tools/install-test-tools.sh");
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private static volatile Path binary;

  private final Process process;
  private final URI url;
  private final Path log;
  private final Thread killer;

  private OpaServer(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
    this.killer = new Thread(process::destroyForcibly, "opa-server-killer");
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** The pinned opa. */
  public static Path binary() {
    Path found = binary;
    if (found == null) {
      String pinned = pinnedVersion();
      found =
          ToolLocator.find(
              "opa",
              "TREUM_OPA",
              "tools/install-test-tools.sh (or go install github.com/open-policy-agent/opa@v"
                  + pinned
                  + ")");
      String version = version(found);
      if (!version.equals(pinned)) {
        throw new AssertionError(
            found
                + " is opa "
                + version
                + "; the policies are built with opa v"
                + pinned
                + " (OPA_VERSION in tools/install-test-tools.sh): install it with"
                + " tools/install-test-tools.sh or point TREUM_OPA at it");
      }
      binary = found;
    }
    return found;
  }

  /**
   * Starts a server that loads {@code paths} (Rego and data files or folders) and waits until its
   * {@code /health} answers.
   *
   * @param log the file that receives the server's output
   */
  public static OpaServer start(Path log, Path... paths) {
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              binary().toString(),
              "run",
              "--server",
              "--addr",
              "127.0.0.1:" + port,
              "--skip-version-check",
              "--log-level",
              "error"));
      for (Path path : paths) {
        command.add(path.toAbsolutePath().normalize().toString());
      }
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new AssertionError("cannot start " + command + ": " + e, e);
      }
      OpaServer server = new OpaServer(process, URI.create("http://127.0.0.1:" + port), log);
      try {
        server.awaitHealthy();
        return server;
      } catch (AssertionError e) {
        server.close();
        last = e;
        if (!e.getMessage().contains("address already in use")) {
          throw e;
        }
        // another process took the port between probing and binding: try another one
      }
    }
    throw last;
  }

  /** The server's base URL. */
  public URI url() {
    return url;
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "opa run --server exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "opa run --server did not become healthy within " + STARTUP + ":\n" + output());
  }

  private String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Kills the server and waits for it to end. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and runs the hook anyway
    }
  }

  /** A loopback port nothing listens on (when this returns). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("no free loopback port: " + e, e);
    }
  }

  private static String pinnedVersion() {
    try {
      Matcher version =
          Pattern.compile("(?m)^OPA_VERSION=v?([0-9.]+)$")
              .matcher(Files.readString(INSTALL_SCRIPT, StandardCharsets.UTF_8));
      if (version.find()) {
        return version.group(1);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + INSTALL_SCRIPT.toAbsolutePath() + ": " + e, e);
    }
    throw new AssertionError("no OPA_VERSION in " + INSTALL_SCRIPT.toAbsolutePath());
  }

  private static String version(Path opa) {
    try {
      Process process =
          new ProcessBuilder(opa.toString(), "version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new AssertionError(opa + " version failed:\n" + output);
      }
      Matcher version = Pattern.compile("(?m)^Version: (\\S+)$").matcher(output);
      if (!version.find()) {
        throw new AssertionError(opa + " version printed no version:\n" + output);
      }
      return version.group(1);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + opa + " version: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
