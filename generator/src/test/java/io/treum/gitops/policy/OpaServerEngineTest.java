package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.testing.OpaServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server engine against a real {@code opa run --server} on loopback: with TREUM's Rego it finds
 * exactly what the Wasm engine finds, and a missing server, a server without the policies and a
 * failing evaluation end the run with the server's reason.
 */
class OpaServerEngineTest {
  /** TREUM's Rego sources, which the treum-policies jar also ships. */
  static final Path TREUM_REGO = Path.of("../policies/src/main/rego");

  /** The environment documents of the policies' examples (policies/README.md, "The document"). */
  static final Path EXAMPLES = Path.of("../policies/src/test/resources/examples");

  @TempDir static Path work;

  private static OpaServer treum;
  private static OpaServer foreign;
  private static WasmPolicyEngine wasm;
  private static PolicyEngines engines;

  @BeforeAll
  static void startServers() throws IOException {
    treum = OpaServer.start(work.resolve("treum.log"), TREUM_REGO);
    // a server with something else at treum.gate: undefined unless asked for "conflict", where
    // two values of one complete rule make OPA fail the evaluation
    Path foreignPolicy = Files.createDirectories(work.resolve("foreign"));
    Files.writeString(
        foreignPolicy.resolve("conflict.rego"),
        """
        package treum.gate

        report := 1 if input.environment.name == "conflict"

        report := 2 if input.environment.name == "conflict"
        """,
        StandardCharsets.UTF_8);
    foreign = OpaServer.start(work.resolve("foreign.log"), foreignPolicy);
    engines = new PolicyEngines(OpaServerEngineTest.class.getClassLoader());
    wasm =
        new WasmPolicyEngine(
            PolicySet.bundled(OpaServerEngineTest.class.getClassLoader()).modules());
  }

  @AfterAll
  static void stopServers() {
    for (AutoCloseable resource : new AutoCloseable[] {treum, foreign, wasm}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  static ValidateCommand command() {
    return new ValidateCommand(
        new ManifestYaml(), MergeSchema.builtIn(), ValidateCommandTest.CLOCK, engines::select);
  }

  static ValidateRequest request(String tree, URI opaUrl, Path reports) {
    return new ValidateRequest(
        ValidateCommandTest.TREES.resolve(tree),
        Set.of(),
        List.of(),
        opaUrl,
        EnumSet.allOf(ReportFormat.class),
        reports,
        null,
        false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform", "noncompliant"})
  void aTreeGetsTheFindingsOfTheWasmEngine(String tree, @TempDir Path reports) {
    ValidateCommand command = command();

    ValidationRun inProcess = command.validate(request(tree, null, reports.resolve("wasm")));
    ValidationRun server = command.validate(request(tree, treum.url(), reports.resolve("server")));

    assertThat(server.engine()).isEqualTo("OPA server at " + treum.url());
    assertThat(inProcess.engine()).startsWith("in-process Wasm");
    assertThat(server.result().findings()).isNotEmpty().isEqualTo(inProcess.result().findings());
    assertThat(server.result().waived()).isEqualTo(inProcess.result().waived());
    assertThat(server.result().rulesEvaluated())
        .isPositive()
        .isEqualTo(inProcess.result().rulesEvaluated());
    assertThat(server.result().objectsEvaluated())
        .isPositive()
        .isEqualTo(inProcess.result().objectsEvaluated());
    assertThat(server.passes()).isEqualTo(inProcess.passes());
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      return folders.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /**
   * The whole report, rules and exceptions included, on the documents the policies are tested on.
   */
  @ParameterizedTest
  @MethodSource("examples")
  void anExampleDocumentGetsTheReportOfTheWasmEngine(String example) throws IOException {
    String document =
        Files.readString(EXAMPLES.resolve(example).resolve("input.json"), StandardCharsets.UTF_8);

    try (OpaServerEngine engine = new OpaServerEngine(OpaServerAddress.of(treum.url()))) {
      GateReport report = engine.evaluate(example, document);

      assertThat(report.findings()).isNotEmpty();
      assertThat(report).isEqualTo(wasm.evaluate(example, document));
    }
  }

  @Test
  void environmentsAreEvaluatedInParallelOnOneEngine() throws Exception {
    String document =
        Files.readString(
            EXAMPLES.resolve("noncompliant").resolve("input.json"), StandardCharsets.UTF_8);
    try (OpaServerEngine engine = new OpaServerEngine(OpaServerAddress.of(treum.url()))) {
      GateReport expected = engine.evaluate("noncompliant", document);

      List<GateReport> reports =
          Stream.generate(() -> document)
              .limit(8)
              .parallel()
              .map(d -> engine.evaluate("noncompliant", d))
              .toList();

      assertThat(reports).allSatisfy(r -> assertThat(r).isEqualTo(expected));
    }
  }

  @Test
  void anUnreachableServerFailsTheRunWithInstructions(@TempDir Path reports) {
    URI nobody = URI.create("http://127.0.0.1:" + OpaServer.freePort());

    assertThatThrownBy(() -> command().validate(request("platform", nobody, reports)))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("no OPA server at " + nobody + " (connection refused): ")
        .hasMessageContaining("start one with opa run --server")
        .hasMessageContaining("or unset treum.opa.url");
  }

  @Test
  void aServerWithoutThePoliciesIsRefused(@TempDir Path reports) {
    assertThatThrownBy(() -> command().validate(request("platform", foreign.url(), reports)))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(
            "OPA server at " + foreign.url() + " has no treum/gate/report: load TREUM's policies");
  }

  @Test
  void aFailingEvaluationCarriesTheServersMessage() {
    try (OpaServerEngine engine = new OpaServerEngine(OpaServerAddress.of(foreign.url()))) {
      assertThatThrownBy(
              () -> engine.evaluate("conflict", "{\"environment\": {\"name\": \"conflict\"}}"))
          .isInstanceOf(PolicyException.class)
          .hasMessageStartingWith(
              "OPA server at " + foreign.url() + " answered HTTP 500 for environment conflict: ")
          .hasMessageContaining("eval_conflict_error")
          .hasMessageContaining("rule data.treum.gate.report produced conflicting values")
          .hasMessageContaining("conflict.rego:");
    }
  }
}
