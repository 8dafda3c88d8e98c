package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ManifestYaml;
import io.treum.gitops.kustomize.MergeSchema;
import io.treum.gitops.testing.ToolLocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Wasm engine fails closed on modules it cannot use and on gates that evaluate nothing. */
class WasmPolicyEngineTest {
  @TempDir Path temp;

  @Test
  void aFileThatIsNotWasmIsRefusedByName() {
    assertThatThrownBy(
            () -> new PolicyModule("policies/bundle.tar.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0}))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policies/bundle.tar.gz is not a WebAssembly module")
        .hasMessageContaining("not the bundle itself");
  }

  @Test
  void aCorruptModuleIsRefusedWhenTheEngineStarts() {
    byte[] corrupt = {0, 'a', 's', 'm', 1, 0, 0, 0, 42, 42, 42};
    PolicyModule module = new PolicyModule("corrupt.wasm", corrupt);

    assertThatThrownBy(() -> new WasmPolicyEngine(List.of(module)))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("corrupt.wasm cannot be loaded as an OPA Wasm policy");
  }

  @Test
  void aModuleWithoutTheGatesEntrypointIsRefused() throws Exception {
    PolicyModule module = compile("package other\n\nallow := true\n", "other/allow", "other.wasm");

    assertThatThrownBy(() -> new WasmPolicyEngine(List.of(module)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("other.wasm has no entrypoint treum/gate/report")
        .hasMessageContaining("other/allow");
  }

  @Test
  void aGateThatEvaluatesNoRuleNeverPasses() throws Exception {
    PolicyModule empty =
        compile(
            "package treum.gate\n\n"
                + "report := {\"environment\": input.environment.name, \"objects\":"
                + " count(input.environment.objects), \"rules\": [], \"findings\": [],"
                + " \"exceptions\": []}\n",
            "treum/gate/report",
            "empty.wasm");
    PolicySet policies = new PolicySet(List.of(empty), RuleCatalogue.empty());
    ValidateCommand command =
        new ValidateCommand(
            new ManifestYaml(),
            MergeSchema.builtIn(),
            ValidateCommandTest.CLOCK,
            request -> new PolicyEngines.Selection(policies, new WasmPolicyEngine(List.of(empty))));

    ValidationRun run =
        command.validate(
            new ValidateRequest(
                ValidateCommandTest.TREES.resolve("platform"),
                Set.of(),
                List.of(),
                null,
                EnumSet.of(ReportFormat.JSON),
                temp.resolve("reports"),
                null,
                false));

    assertThat(run.result().findings()).isEmpty();
    assertThat(run.passes()).isFalse();
    assertThat(run.failure()).get().asString().contains("no policy rule was evaluated");
  }

  @Test
  void anUndefinedReportFailsClosed() throws Exception {
    PolicyModule undefined =
        compile(
            "package treum.gate\n\nreport := 1 if input.never\n", "treum/gate/report", "u.wasm");
    try (WasmPolicyEngine engine = new WasmPolicyEngine(List.of(undefined))) {
      assertThatThrownBy(() -> engine.evaluate("production", "{\"environment\": {}}"))
          .isInstanceOf(PolicyException.class)
          .hasMessageContaining(
              "u.wasm: treum/gate/report returned nothing for environment" + " production");
    }
  }

  @Test
  void aGateThatCallsHostBuiltinsIsEvaluatedToo() throws Exception {
    // sprintf is not compiled into the Wasm: opa-java-wasm implements it on the host
    PolicyModule sprintf =
        compile(
            "package treum.gate\n\n"
                + "report := {\"environment\": input.environment.name, \"objects\": 0,"
                + " \"rules\": [sprintf(\"%s-%d\", [input.environment.name, 1])],"
                + " \"findings\": [], \"exceptions\": []}\n",
            "treum/gate/report", "sprintf.wasm");
    try (WasmPolicyEngine engine = new WasmPolicyEngine(List.of(sprintf))) {
      GateReport report = engine.evaluate("production", "{\"environment\": {\"name\": \"p\"}}");

      assertThat(report.rules()).containsExactly("p-1");
    }
  }

  @Test
  void aPolicyThatAbortsFailsThatEvaluationOnly() throws Exception {
    // two values for one complete rule: OPA's runtime aborts the evaluation
    PolicyModule conflicting =
        compile(
            "package treum.gate\n\n"
                + "x := 1 if input.a\n"
                + "x := 2 if input.b\n"
                + "report := {\"environment\": \"e\", \"objects\": x, \"rules\": [],"
                + " \"findings\": [], \"exceptions\": []}\n",
            "treum/gate/report",
            "conflict.wasm");
    try (WasmPolicyEngine engine = new WasmPolicyEngine(List.of(conflicting))) {
      assertThatThrownBy(() -> engine.evaluate("production", "{\"a\": true, \"b\": true}"))
          .isInstanceOf(PolicyException.class)
          .hasMessageContaining(
              "conflict.wasm: evaluating treum/gate/report on environment production failed");

      assertThat(engine.evaluate("production", "{\"a\": true}").objects()).isEqualTo(1);
    }
  }

  @Test
  void parallelEvaluationsGiveTheSameReports() throws Exception {
    PolicySet bundled = PolicySet.bundled(getClass().getClassLoader());
    String document =
        "{\"environment\": {\"name\": \"p\", \"objects\": [{\"apiVersion\": \"v1\", \"kind\":"
            + " \"Pod\", \"metadata\": {\"name\": \"x\", \"namespace\": \"default\"}, \"spec\":"
            + " {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}}]}}";
    try (WasmPolicyEngine engine = new WasmPolicyEngine(bundled.modules())) {
      GateReport first = engine.evaluate("p", document);
      List<Thread> threads = new ArrayList<>();
      List<GateReport> reports = Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 3; i++) {
        Thread thread = new Thread(() -> reports.add(engine.evaluate("p", document)));
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(reports).hasSize(3).allSatisfy(r -> assertThat(r).isEqualTo(first));
      assertThat(first.findings()).isNotEmpty();
    }
  }

  /** Compiles Rego with the pinned opa into a raw Wasm module. */
  private PolicyModule compile(String rego, String entrypoint, String name) throws Exception {
    Path opa =
        ToolLocator.find(
            "opa",
            "TREUM_OPA",
            "tools/install-test-tools.sh (go install github.com/open-policy-agent/opa)");
    Path source = temp.resolve("src");
    Files.createDirectories(source);
    Files.writeString(source.resolve("policy.rego"), rego, StandardCharsets.UTF_8);
    Path bundle = temp.resolve(name + ".tar.gz");
    Process process =
        new ProcessBuilder(
                opa.toString(),
                "build",
                "-t",
                "wasm",
                "-e",
                entrypoint,
                "-o",
                bundle.toString(),
                source.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return new PolicyModule(name, policyWasm(bundle));
  }

  /** The {@code /policy.wasm} entry of a bundle (a gzipped tar). */
  private static byte[] policyWasm(Path bundle) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(bundle))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String entry = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
        long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.UTF_8).trim(), 8);
        byte[] content = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (entry.equals("/policy.wasm") || entry.equals("policy.wasm")) {
          return content;
        }
      }
    }
    throw new IOException(bundle + " has no /policy.wasm");
  }
}
