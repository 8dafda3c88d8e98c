package io.treum.gitops.policy;

import com.bisnode.opa.client.OpaClientException;
import com.bisnode.opa.client.OpaConfiguration;
import com.bisnode.opa.client.rest.OpaRestClient;
import com.bisnode.opa.client.rest.OpaServerConnectionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates the gate on an OPA server ({@code treum.opa.url}): each environment document is POSTed
 * as {@code input} to {@code /v1/data/treum/gate/report}, the same document and entrypoint the
 * {@link WasmPolicyEngine} evaluates, so both give the same findings. The server must have TREUM's
 * Rego loaded (the treum-policies jar carries it under {@code io/treum/gitops/policies/rego/}).
 *
 * <p>Fails closed: no server, an HTTP error, an undefined report and an answer that is not a report
 * are {@link PolicyException}s naming the server (its credentials redacted) and what to do.
 *
 * <p>The only class that touches {@code com.bisnode.opa:opa-java-client}. It uses the client's
 * transport ({@link OpaRestClient}: the request to the data API, the JSON body, the exchange)
 * rather than {@code OpaClient.queryForDocument}, which throws away the body of an error answer —
 * where OPA says which rule failed and why — and whose HTTP client has no timeouts, so a server
 * that stops answering would hang the build.
 */
public final class OpaServerEngine implements PolicyEngine {
  /** How long connecting to the server may take by default. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long one environment's evaluation may take by default, answer included. */
  public static final Duration EVALUATION_TIMEOUT = Duration.ofMinutes(5);

  private static final String DATA_API = "/v1/data/" + REPORT_ENTRYPOINT;

  /**
   * Reads the document with exact numbers: OPA compares numbers as decimals, so the input must not
   * go through {@code double}.
   */
  private static final JsonMapper INPUT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** Reads answers as the Wasm engine reads its results, so equal reports are equal nodes. */
  private static final JsonMapper ANSWER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final OpaServerAddress address;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final OpaRestClient client;

  /** An engine on the server at {@code address}, with the default timeouts. */
  public OpaServerEngine(OpaServerAddress address) {
    this(address, CONNECT_TIMEOUT, EVALUATION_TIMEOUT);
  }

  /**
   * @param connectTimeout how long connecting may take
   * @param timeout how long one evaluation may take, answer included
   */
  public OpaServerEngine(OpaServerAddress address, Duration connectTimeout, Duration timeout) {
    this.address = Objects.requireNonNull(address, "address");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.client =
        new OpaRestClient(
            new OpaConfiguration(address.endpoint().toString(), HttpClient.Version.HTTP_1_1),
            http,
            INPUT);
  }

  @Override
  public String description() {
    return "OPA server at " + address;
  }

  @Override
  public GateReport evaluate(String environment, String document) {
    Objects.requireNonNull(document, "document");
    Answer answer = send(request(environment, document));
    if (answer.status() < 200 || answer.status() >= 300) {
      throw new PolicyException(
          description()
              + " answered HTTP "
              + answer.status()
              + " for environment "
              + environment
              + ": "
              + answer.error()
              + hint(answer.status()));
    }
    JsonNode body;
    try {
      body = ANSWER.readTree(answer.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new PolicyException(
          description()
              + " answered "
              + abbreviate(answer.text())
              + " for environment "
              + environment
              + ", not a JSON object with a result: is "
              + address
              + " the base URL of OPA's REST API?");
    }
    if (!body.has("result")) {
      throw new PolicyException(
          description()
              + " has no "
              + REPORT_ENTRYPOINT
              + (body.has("warning")
                  ? " (" + body.get("warning").path("message").asText() + ")"
                  : "")
              + ": load TREUM's policies into it (the Rego in the treum-policies jar under "
              + PolicySet.BUNDLED_FOLDER
              + "rego/, e.g. opa run --server <that folder>)");
    }
    return GateReport.parse(body.get("result"), environment, description());
  }

  private HttpRequest request(String environment, String document) {
    JsonNode input;
    try {
      input = INPUT.readTree(document);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          "the environment document of " + environment + " is not JSON: " + e.getOriginalMessage(),
          e);
    }
    HttpRequest.Builder request =
        client
            .getBasicRequestBuilder(DATA_API)
            .timeout(timeout)
            .header("Content-Type", "application/json");
    address.authorization().ifPresent(value -> request.header("Authorization", value));
    try {
      // the document goes as a tree, so that it is the input, not a string holding it
      return request.POST(client.getJsonBodyPublisher(Map.of("input", input))).build();
    } catch (JsonProcessingException e) {
      throw new PolicyException("cannot write the input for environment " + environment, e);
    }
  }

  /** What the server answered: its status and body, whatever the status. */
  private record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * OPA's error ({@code {"code", "message", "errors": [{"code", "message", "location"}]}}) as one
     * line, or the body as text when it is not one.
     */
    String error() {
      JsonNode error;
      try {
        error = ANSWER.readTree(body);
      } catch (IOException e) {
        error = null;
      }
      if (error == null || !error.isObject() || !error.path("message").isTextual()) {
        return body.length == 0 ? "(no body)" : abbreviate(text().strip());
      }
      List<String> parts = new ArrayList<>();
      parts.add(codeAndMessage(error));
      for (JsonNode cause : error.path("errors")) {
        JsonNode location = cause.path("location");
        parts.add(
            codeAndMessage(cause)
                + (location.has("file")
                    ? " ("
                        + location.path("file").asText()
                        + ":"
                        + location.path("row").asText()
                        + ")"
                    : ""));
      }
      return String.join(": ", parts);
    }

    private static String codeAndMessage(JsonNode error) {
      String code = error.path("code").asText("");
      return code.isEmpty()
          ? error.path("message").asText()
          : code + ": " + error.path("message").asText();
    }
  }

  /**
   * Sends the request through the client, which throws on a status other than 2xx after reading the
   * body: the handler keeps the body, so the server's message is not lost.
   */
  private Answer send(HttpRequest request) {
    AtomicReference<Answer> kept = new AtomicReference<>();
    HttpResponse.BodyHandler<Answer> keep =
        info ->
            HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofByteArray(),
                body -> {
                  kept.set(new Answer(info.statusCode(), body));
                  return kept.get();
                });
    try {
      return client.sendRequest(request, keep).body();
    } catch (OpaServerConnectionException e) {
      if (e.getCause() instanceof ConnectException refused) {
        throw unreachable(
            refused.getMessage() == null ? "connection refused" : refused.getMessage(), refused);
      }
      throw new PolicyException(
          "the exchange with " + description() + " failed: " + describe(e.getCause()), e);
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + connectTimeout.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new PolicyException(
          description() + " did not answer within " + timeout.toSeconds() + " s", e);
    } catch (OpaClientException e) {
      if (kept.get() != null) {
        return kept.get();
      }
      throw new PolicyException(description() + " cannot be queried: " + describe(e), e);
    } catch (IOException e) {
      throw new PolicyException(
          "the exchange with " + description() + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyException("interrupted while waiting for " + description(), e);
    }
  }

  private PolicyException unreachable(String reason, IOException cause) {
    return new PolicyException(
        "no OPA server at "
            + address
            + " ("
            + reason
            + "): start one with opa run --server --addr <host:port> and TREUM's Rego (the"
            + " treum-policies jar's "
            + PolicySet.BUNDLED_FOLDER
            + "rego/), or unset "
            + OpaServerAddress.PARAMETER
            + " to validate in process",
        cause);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 ->
          " (the server refuses the request: check the credentials in "
              + OpaServerAddress.PARAMETER
              + ")";
      case 404 -> " (is it the base URL of OPA's REST API?)";
      default -> "";
    };
  }

  /** The exception and its causes' messages, as one line. */
  private static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
      String message = t.getMessage();
      parts.add(
          message == null || message.isBlank()
              ? t.getClass().getSimpleName()
              : t.getClass().getSimpleName() + ": " + message);
    }
    return String.join(" <- ", parts);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /** Nothing to release: the JDK's HTTP client closes idle connections itself. */
  @Override
  public void close() {}
}
