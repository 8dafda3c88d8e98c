package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.styra.opa.wasm.OpaPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * treum's own loader of OPA Wasm modules gives the same result text as opa-java-wasm, compiles a
 * module once per JVM and keeps each instance's memory from growing run after run.
 */
class OpaWasmModuleTest {
  private static final Path EXAMPLES = Path.of("../policies/src/test/resources/examples");

  /** opa-java-wasm on the same module, built once: it compiles the module for every instance. */
  private static OpaPolicy sdk;

  private static byte[] gate() {
    return PolicySet.bundled(OpaWasmModuleTest.class.getClassLoader()).modules().get(0).wasm();
  }

  @BeforeAll
  static void loadSdk() {
    sdk = OpaPolicy.builder().withPolicy(gate()).build();
    sdk.data("{}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform-production", "platform-dr", "noncompliant"})
  void evaluatesToTheSameTextAsOpaJavaWasm(String example) throws IOException {
    String input = Files.readString(EXAMPLES.resolve(example + "/input.json"));
    String expected = sdk.entrypoint(PolicyEngine.REPORT_ENTRYPOINT).evaluate(input);

    OpaWasmModule module = OpaWasmModule.of(gate());
    OpaWasmInstance instance = module.newInstance();
    int entrypoint = module.entrypoints().get(PolicyEngine.REPORT_ENTRYPOINT);

    assertThat(expected).contains("\"findings\"");
    assertThat(instance.evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(expected);
  }

  @Test
  void theGateNeedsNoHostBuiltinsAndRunsHere() {
    OpaWasmModule module = OpaWasmModule.of(gate());

    assertThat(module.runnable()).isTrue();
    assertThat(module.builtins()).isEmpty();
    assertThat(module.entrypoints()).containsKey(PolicyEngine.REPORT_ENTRYPOINT);
  }

  @Test
  void aModuleIsCompiledOncePerJvm() {
    assertThat(OpaWasmModule.of(gate())).isSameAs(OpaWasmModule.of(gate().clone()));
  }

  @Test
  void instancesOfOneModuleEvaluateInParallel() throws Exception {
    String input = Files.readString(EXAMPLES.resolve("noncompliant/input.json"));
    OpaWasmModule module = OpaWasmModule.of(gate());
    int entrypoint = module.entrypoints().get(PolicyEngine.REPORT_ENTRYPOINT);
    String expected =
        module.newInstance().evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(
            pool.submit(
                () ->
                    module
                        .newInstance()
                        .evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8))));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void repeatedEvaluationsReuseTheSameMemory() throws IOException {
    byte[] input =
        Files.readString(EXAMPLES.resolve("platform-production/input.json"))
            .getBytes(StandardCharsets.UTF_8);
    OpaWasmModule module = OpaWasmModule.of(gate());
    OpaWasmInstance instance = module.newInstance();
    int entrypoint = module.entrypoints().get(PolicyEngine.REPORT_ENTRYPOINT);
    String first = instance.evaluate(entrypoint, input);
    int pages = instance.memoryPages();

    for (int i = 0; i < 5; i++) {
      assertThat(instance.evaluate(entrypoint, input)).isEqualTo(first);
    }
    assertThat(instance.memoryPages()).isEqualTo(pages);
  }

  @Test
  void anInputLargerThanTheMemoryGrowsIt() {
    OpaWasmModule module = OpaWasmModule.of(gate());
    OpaWasmInstance instance = module.newInstance();
    int pages = instance.memoryPages();
    // a name of 2 MiB: more than the initial memory, which must grow before the input is written
    String name = "x".repeat(2 << 20);
    String input = "{\"environment\": {\"name\": \"" + name + "\", \"objects\": []}}";

    String result =
        instance.evaluate(
            module.entrypoints().get(PolicyEngine.REPORT_ENTRYPOINT),
            input.getBytes(StandardCharsets.UTF_8));

    assertThat(instance.memoryPages()).isGreaterThan(pages);
    assertThat(result).contains(name);
  }

  @Test
  void aCorruptModuleIsRefused() {
    byte[] corrupt = {0, 'a', 's', 'm', 1, 0, 0, 0, 42, 42, 42};

    assertThatThrownBy(() -> OpaWasmModule.of(corrupt)).isInstanceOf(RuntimeException.class);
  }
}
