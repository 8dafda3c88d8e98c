package io.treum.gitops.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.styra.opa.wasm.OpaPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The default engine: OPA's compiled Wasm policies evaluated in this JVM on Chicory, so validating
 * needs neither an OPA binary nor a server. The only class that evaluates policies in process.
 *
 * <p>A module that needs nothing from the host (TREUM's gate) runs on {@link OpaWasmModule}:
 * compiled once per JVM, instantiated in milliseconds, evaluated through {@code opa_eval}. A module
 * that calls builtins OPA leaves to the runtime ({@code sprintf}, {@code yaml.*}; user policies
 * may) runs on {@code com.styra.opa:opa-java-wasm}, which implements them and compiles the module
 * once per instance. Both give the same result text for the same module and input.
 *
 * <p>An instance is not thread-safe, so each module keeps a pool of idle instances: a thread
 * borrows one per evaluation and returns it, and a new instance is made only when every existing
 * one is busy — at most one per thread that evaluates at the same time.
 */
public final class WasmPolicyEngine implements PolicyEngine {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One instance of a module, evaluating the gate's entrypoint on a document. */
  private interface Evaluator {
    String evaluate(String document);
  }

  private final List<PolicyModule> modules;
  private final Map<PolicyModule, ConcurrentLinkedDeque<Evaluator>> idle =
      new ConcurrentHashMap<>();

  /**
   * An engine over {@code modules}, each of which is loaded once here so that a corrupt module or
   * one without the gate's entrypoint fails before any evaluation.
   *
   * @throws PolicyException naming the module that cannot be used
   */
  public WasmPolicyEngine(List<PolicyModule> modules) {
    if (modules.isEmpty()) {
      throw new PolicyException("no policy module to evaluate: the policy set is empty");
    }
    this.modules = List.copyOf(modules);
    for (PolicyModule module : this.modules) {
      idle.put(module, new ConcurrentLinkedDeque<>());
      idle.get(module).push(load(module));
    }
  }

  @Override
  public String description() {
    return "in-process Wasm ("
        + String.join(", ", modules.stream().map(PolicyModule::name).toList())
        + ")";
  }

  @Override
  public GateReport evaluate(String environment, String document) {
    Objects.requireNonNull(document, "document");
    List<GateReport> reports = new ArrayList<>();
    for (PolicyModule module : modules) {
      reports.add(evaluate(module, environment, document));
    }
    return GateReport.merge(environment, reports);
  }

  private GateReport evaluate(PolicyModule module, String environment, String document) {
    Evaluator evaluator = borrow(module);
    String output;
    try {
      output = evaluator.evaluate(document);
    } catch (RuntimeException | StackOverflowError e) {
      // a policy that traps leaves its instance in an unknown state: drop it, do not return it
      throw new PolicyException(
          module.name()
              + ": evaluating "
              + REPORT_ENTRYPOINT
              + " on environment "
              + environment
              + " failed: "
              + describe(e),
          e);
    }
    idle.get(module).push(evaluator);
    return GateReport.parse(result(output, module, environment), environment, module.name());
  }

  private Evaluator borrow(PolicyModule module) {
    Evaluator evaluator = idle.get(module).poll();
    return evaluator != null ? evaluator : load(module);
  }

  /** The value of the one result set, or {@code null} when the entrypoint was undefined. */
  private static JsonNode result(String output, PolicyModule module, String environment) {
    JsonNode results;
    try {
      results = JSON.readTree(output);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          module.name() + ": the Wasm runtime returned invalid JSON for " + environment, e);
    }
    if (results == null || !results.isArray() || results.size() > 1) {
      throw new PolicyException(
          module.name()
              + ": expected at most one result set from "
              + REPORT_ENTRYPOINT
              + ", got "
              + abbreviate(output));
    }
    return results.isEmpty() ? null : results.get(0).get("result");
  }

  private static Evaluator load(PolicyModule module) {
    OpaWasmModule compiled;
    try {
      compiled = OpaWasmModule.of(module.wasm());
    } catch (RuntimeException | LinkageError e) {
      throw unloadable(module, e);
    }
    Integer entrypoint = compiled.entrypoints().get(REPORT_ENTRYPOINT);
    if (entrypoint == null) {
      throw new PolicyException(
          module.name()
              + " has no entrypoint "
              + REPORT_ENTRYPOINT
              + " (it has "
              + compiled.entrypoints().keySet()
              + "): build it from TREUM's gate with opa build -t wasm -e "
              + REPORT_ENTRYPOINT);
    }
    if (!compiled.runnable()) {
      return loadWithHostBuiltins(module);
    }
    OpaWasmInstance instance;
    try {
      instance = compiled.newInstance();
    } catch (RuntimeException e) {
      throw new PolicyException(module.name() + ": cannot initialise the policy's data", e);
    }
    return document -> instance.evaluate(entrypoint, document.getBytes(StandardCharsets.UTF_8));
  }

  /** The module on opa-java-wasm, which implements the builtins it calls on the host. */
  private static Evaluator loadWithHostBuiltins(PolicyModule module) {
    OpaPolicy policy;
    try {
      policy = OpaPolicy.builder().withPolicy(module.wasm()).build();
    } catch (RuntimeException | LinkageError e) {
      throw unloadable(module, e);
    }
    try {
      policy.data("{}");
    } catch (RuntimeException e) {
      throw new PolicyException(module.name() + ": cannot initialise the policy's data", e);
    }
    return document -> policy.entrypoint(REPORT_ENTRYPOINT).evaluate(document);
  }

  private static PolicyException unloadable(PolicyModule module, Throwable e) {
    return new PolicyException(
        module.name()
            + " cannot be loaded as an OPA Wasm policy: "
            + describe(e)
            + " (rebuild it with opa build -t wasm -e "
            + REPORT_ENTRYPOINT
            + ")",
        e);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  @Override
  public void close() {
    idle.values().forEach(ConcurrentLinkedDeque::clear);
  }
}
