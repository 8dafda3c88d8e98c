package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.junit.http.AccessEvent;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bumps over smart HTTP on loopback ({@link LoopbackGitServer}), the token passed as the basic-auth
 * password: pushes, idempotence, authentication failures and server-side refusals — and no token in
 * any log line, JGit log record (at every level), exception message or stack trace.
 *
 * <p>JGit's own logs are read, not every logger of the JVM: like any HTTP stack's wire logging, the
 * JDK's {@code sun.net.www.protocol.http.HttpURLConnection} at FINE and Jetty's parser at DEBUG
 * print the {@code Authorization} header, which carries the token in base64.
 */
class BumpOverHttpTest extends SeededBumpTest {
  static final String RECEIVE_PACK = "/sbasic/config.git/git-receive-pack";

  static BumpRequest request(String uri, String tag, GitCredentials credentials) {
    return BumpCommandTest.request(uri, "treum-service", tag, 10, credentials);
  }

  @Test
  void clonesBumpsAndPushesWithTheTokenAsPassword() throws Exception {
    String production = repo.file(PRODUCTION);
    String dr = repo.file(DR);
    ObjectId seed = repo.tip();

    BumpResult result;
    try (LoopbackGitServer server = LoopbackGitServer.start(repo.repository())) {
      result = command.call(request(server.uri(), "1.2.0", server.credentials()));

      assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.environments()).containsExactly("dr", "production");
      assertThat(server.requests())
          .filteredOn(r -> r.getPath().equals(RECEIVE_PACK))
          .extracting(AccessEvent::getMethod, AccessEvent::getStatus)
          .containsExactly(tuple("POST", 200));
    }
    List<RevCommit> history = LinearHistory.assertForwardOnly(repo, seed);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).name()).isEqualTo(result.commit());
    assertThat(history.get(0).getFooterLines(BumpMessage.IMAGE_TRAILER))
        .containsExactly("treum-service:1.2.0");
    assertThat(repo.file(PRODUCTION))
        .isEqualTo(production.replace("newTag: 1.0.0", "newTag: 1.2.0"));
    assertThat(repo.file(DR)).isEqualTo(dr.replace("newTag: 1.0.0", "newTag: 1.2.0"));
  }

  @Test
  void runningTheSameBumpAgainMakesNoCommitAndNoPush() throws Exception {
    try (LoopbackGitServer server = LoopbackGitServer.start(repo.repository())) {
      BumpResult first = command.call(request(server.uri(), "1.2.0", server.credentials()));

      BumpResult again = command.call(request(server.uri(), "1.2.0", server.credentials()));

      assertThat(again.outcome()).isEqualTo(BumpResult.Outcome.ALREADY_APPLIED);
      assertThat(again.bumpId()).isEqualTo(first.bumpId());
      assertThat(again.commit()).isNull();
      assertThat(server.requests()).filteredOn(r -> r.getPath().equals(RECEIVE_PACK)).hasSize(1);
    }
    assertThat(repo.history()).hasSize(2);
  }

  @Test
  void neitherTheLogsNorTheResultOfASuccessfulBumpHoldTheToken() throws Exception {
    Object result;
    String records;
    try (LoopbackGitServer server = LoopbackGitServer.start(repo.repository());
        LogRecords logs = LogRecords.of("org.eclipse.jgit")) {
      result = command.call(request(server.uri(), "1.2.0", server.credentials()));
      records = logs.text();
    }

    assertThat(records).as("JGit logged").isNotEmpty();
    assertNoToken(LoopbackGitServer.TOKEN, records, String.join("\n", log), result.toString());
  }

  @Test
  void aWrongTokenFailsAtOnceNamingTheVariableAndNeverTheToken() throws Exception {
    String wrong = "wrong-token-5f3a9c";
    Throwable thrown;
    String records;
    List<AccessEvent> requests;
    try (LoopbackGitServer server = LoopbackGitServer.start(repo.repository());
        LogRecords logs = LogRecords.of("org.eclipse.jgit")) {
      thrown =
          catchThrowable(
              () ->
                  command.call(
                      request(
                          server.uri(),
                          "1.2.0",
                          new GitCredentials(LoopbackGitServer.USER, wrong))));
      records = logs.text();
      requests = server.requests();
    }

    assertThat(thrown)
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("cannot clone http://")
        .hasMessageContaining("not authorized")
        .hasMessageContaining("check " + GitCredentials.TOKEN_VARIABLE)
        .hasMessageContaining("treum.serverId");
    assertNoToken(wrong, stackTrace(thrown), records, String.join("\n", log));
    // one try: the server only ever refused to advertise refs, and nothing was retried
    assertThat(requests).isNotEmpty().allMatch(r -> r.getStatus() == 401);
    assertThat(log).noneMatch(line -> line.contains("retrying"));
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void aWrongTokenInTheEnvironmentFailsTheProcessWithoutPrintingIt() throws Exception {
    String wrong = "wrong-token-7d21e4";
    BumpMain.Outcome outcome;
    try (LoopbackGitServer server = LoopbackGitServer.start(repo.repository());
        BumpMain.Processes processes = new BumpMain.Processes(temp.resolve("process"))) {
      processes.start(
          server.uri(),
          "treum-service",
          "1.2.0",
          new GitCredentials(LoopbackGitServer.USER, wrong));
      outcome = processes.await(BumpMain.PATIENCE).get(0);
    }

    assertThat(outcome.exitCode()).as(outcome.printed()).isEqualTo(1);
    assertThat(outcome.err())
        .contains("failed: cannot clone http://")
        .contains("check " + GitCredentials.TOKEN_VARIABLE);
    assertThat(outcome.err()).as("JGit logged to stderr").contains(BumpMain.JGIT_RECORD + "FINE");
    assertNoToken(wrong, outcome.out(), outcome.err());
    assertThat(repo.history()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://agitter:letmein@%s",
        "http://letmein@%s",
        "http://agitter:letmein@%s?x=1",
        "HTTP://agitter:letmein@%s",
        "HTTP://letmein@%s",
        "Http://x-access-token:letmein@%s",
        "http://agitter:x@letmein@%s",
      })
  void aRepositoryUrlWithCredentialsIsRefusedWithoutShowingThem(String form) throws Exception {
    Throwable thrown;
    try (LoopbackGitServer server = LoopbackGitServer.start(repo.repository())) {
      String uri = String.format(form, server.uri().substring("http://".length()));
      thrown = catchThrowable(() -> command.call(request(uri, "1.2.0", null)));
      assertThat(server.requests()).isEmpty();
    }

    assertThat(thrown)
        .isInstanceOf(BumpException.class)
        .hasMessageContaining("treum.repository must not carry credentials")
        .hasMessageContaining(GitCredentials.TOKEN_VARIABLE);
    assertNoToken(LoopbackGitServer.TOKEN, stackTrace(thrown), String.join("\n", log));
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void aProtectedBranchRefusalFailsAtOnceWithTheServersMessage() throws Exception {
    AtomicInteger pushes = new AtomicInteger();
    PreReceiveHook protectedBranch =
        (receive, commands) -> {
          pushes.incrementAndGet();
          commands.forEach(
              c ->
                  c.setResult(
                      ReceiveCommand.Result.REJECTED_OTHER_REASON,
                      "protected branch: main takes reviewed changes only"));
        };
    Throwable thrown;
    try (LoopbackGitServer server =
        LoopbackGitServer.start(repo.repository(), r -> r.setPreReceiveHook(protectedBranch))) {
      thrown =
          catchThrowable(() -> command.call(request(server.uri(), "1.2.0", server.credentials())));
    }

    assertThat(thrown)
        .isInstanceOf(BumpException.class)
        .hasMessageContaining(
            "the server refused the push to main: protected branch: main takes reviewed changes"
                + " only (not retried)");
    assertThat(pushes).hasValue(1);
    assertThat(log).noneMatch(line -> line.contains("retrying"));
    assertThat(repo.history()).hasSize(1);
  }

  @Test
  void aServerSideLockRaceIsRetried() throws Exception {
    AtomicInteger pushes = new AtomicInteger();
    PreReceiveHook lockRaceOnce =
        (receive, commands) -> {
          if (pushes.incrementAndGet() == 1) {
            commands.forEach(
                c -> c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "failed to lock"));
          }
        };
    BumpResult result;
    try (LoopbackGitServer server =
        LoopbackGitServer.start(repo.repository(), r -> r.setPreReceiveHook(lockRaceOnce))) {
      result = command.call(request(server.uri(), "1.2.0", server.credentials()));
    }

    assertThat(result.outcome()).isEqualTo(BumpResult.Outcome.PUSHED);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(pushes).hasValue(2);
    assertThat(log)
        .contains(
            "Attempt 1 was rejected (the update of refs/heads/main raced another push: failed to"
                + " lock); retrying");
    assertThat(repo.history()).hasSize(2);
  }

  /** Neither the token nor the basic-auth header made of it in any of {@code texts}. */
  static void assertNoToken(String token, String... texts) {
    String header =
        Base64.getEncoder()
            .encodeToString(
                (LoopbackGitServer.USER + ":" + token).getBytes(StandardCharsets.UTF_8));
    for (String text : texts) {
      assertThat(text).doesNotContain(token).doesNotContain(header);
    }
  }

  static String stackTrace(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
