package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.treum.gitops.testing.OpaServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the server engine sends and how it reads answers no real OPA gives on demand, against a
 * stand-in server on loopback that answers what each test tells it to.
 */
class OpaServerAnswersTest {
  private static final String DOCUMENT = "{\"environment\": {\"name\": \"production\"}}";

  /** A report with no findings, as {@code treum/gate/report} returns it. */
  private static final String REPORT =
      "{\"result\": {\"environment\": \"production\", \"objects\": 2,"
          + " \"rules\": [\"data.treum.resource.images.deny_latest\"],"
          + " \"findings\": [], \"exceptions\": []}}";

  private HttpServer server;
  private ExecutorService threads;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Received> received = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String answer = REPORT;

  /** What the stand-in received. */
  record Received(
      String method, String path, String contentType, String authorization, String body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    received.set(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    if (answer == null) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] body = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private OpaServerEngine engine(String url) {
    return new OpaServerEngine(OpaServerAddress.parse(url));
  }

  @Test
  void theDocumentIsPostedAsInputToTheReport() {
    String document =
        "{\"environment\": {\"name\": \"production\"},"
            + " \"quantities\": {\"exact\": 0.1000000000000000055511151231257827, \"1Gi\": 1073741824}}";

    GateReport report = engine(url() + "/").evaluate("production", document);

    Received request = received.get();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/data/treum/gate/report");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.authorization()).isNull();
    // an object, not a string holding one, and numbers exactly as the document wrote them
    assertThat(request.body())
        .startsWith("{\"input\":{\"environment\":{\"name\":\"production\"}")
        .contains("\"exact\":0.1000000000000000055511151231257827")
        .contains("\"1Gi\":1073741824");
    assertThat(report.objects()).isEqualTo(2);
    assertThat(report.rules()).containsExactly("data.treum.resource.images.deny_latest");
  }

  @Test
  void aPathBeforeTheApiIsKept() {
    engine(url() + "/opa").evaluate("production", DOCUMENT);

    assertThat(received.get().path()).isEqualTo("/opa/v1/data/treum/gate/report");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          502 | upstream gone                                    | answered HTTP 502 for environment production: upstream gone
          400 | {"code": "invalid_parameter", "message": "bad"}  | answered HTTP 400 for environment production: invalid_parameter: bad
          401 | {"code": "unauthorized", "message": "no token"}  | unauthorized: no token (the server refuses the request: check the credentials in treum.opa.url)
          404 | not found                                        | not found (is it the base URL of OPA's REST API?)
          302 | ``                                               | answered HTTP 302 for environment production: (no body)
          """)
  void anHttpErrorCarriesTheServersMessage(int code, String body, String message) {
    status = code;
    answer = body;

    assertThatThrownBy(() -> engine(url()).evaluate("production", DOCUMENT))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("OPA server at " + url() + " ")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          <html>proxy</html>                    | answered <html>proxy</html> for environment production, not a JSON object with a result
          [{"result": 1}]                       | not a JSON object with a result
          {}                                    | has no treum/gate/report: load TREUM's policies into it
          {"result": "yes"}                     | treum/gate/report returned string for environment production, not a report object
          {"result": {"objects": 1, "rules": 2} | not a JSON object with a result
          {"result": {"objects": 1, "rules": 2}} | is malformed: rules is not a list
          """)
  void anAnswerThatIsNotAReportFailsClosed(String body, String message) {
    answer = body;

    assertThatThrownBy(() -> engine(url()).evaluate("production", DOCUMENT))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("OPA server at " + url())
        .hasMessageContaining(message);
  }

  @Test
  void aServerThatDoesNotAnswerTimesOut() {
    answer = null;
    OpaServerEngine engine =
        new OpaServerEngine(
            OpaServerAddress.parse(url()), Duration.ofSeconds(5), Duration.ofSeconds(1));

    assertThatThrownBy(() -> engine.evaluate("production", DOCUMENT))
        .isInstanceOf(PolicyException.class)
        .hasMessage("OPA server at " + url() + " did not answer within 1 s");
  }

  @Test
  void credentialsAreSentButNeverShown() {
    String url = "http://alice:s3cret@127.0.0.1:" + server.getAddress().getPort();
    status = 500;
    answer = "{\"code\": \"internal_error\", \"message\": \"boom\"}";
    OpaServerEngine engine = engine(url);

    Throwable error = catchPolicyException(() -> engine.evaluate("production", DOCUMENT));

    assertThat(received.get().authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(engine.description())
        .isEqualTo("OPA server at http://***@127.0.0.1:" + server.getAddress().getPort());
    assertThat(error).hasMessageContaining("http://***@127.0.0.1:");
    assertThat(printed(error)).doesNotContain("s3cret").doesNotContain("alice");
  }

  @Test
  void credentialsOfAnUnreachableServerAreNotShown() {
    String url = "https://alice:s3cret@127.0.0.1:" + OpaServer.freePort() + "/opa";

    Throwable error = catchPolicyException(() -> engine(url).evaluate("production", DOCUMENT));

    assertThat(error).hasMessageStartingWith("no OPA server at https://***@127.0.0.1:");
    assertThat(printed(error)).doesNotContain("s3cret").doesNotContain("alice");
  }

  private static Throwable catchPolicyException(Runnable call) {
    try {
      call.run();
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("expected a PolicyException");
  }

  /** The exception as a build log would show it: message, causes and stack traces. */
  private static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
