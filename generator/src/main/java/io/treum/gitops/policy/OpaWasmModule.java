package io.treum.gitops.policy;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An OPA Wasm module ({@code opa build -t wasm}) parsed and compiled to JVM classes once, from
 * which {@link OpaWasmInstance}s are made in milliseconds.
 *
 * <p>opa-java-wasm compiles the module again for every {@code OpaPolicy} (about a second of CPU
 * each) into classes of its own, which the JIT must then warm separately; its builder takes no
 * compiled module. This class speaks the part of OPA's Wasm ABI the gate needs itself (imports,
 * {@code opa_eval}) on Chicory, so every instance of a module runs the same compiled, JIT-warmed
 * code. Modules are kept per JVM by the SHA-256 of their bytes, so a second validation in the same
 * process (a Maven daemon, an IDE, the benchmark) reuses code the JIT has already compiled.
 *
 * <p>A module that calls the host — a builtin OPA leaves to the runtime ({@code sprintf}, {@code
 * yaml.*}, …) or {@code print} — is not {@link #runnable}: {@link WasmPolicyEngine} evaluates it
 * with opa-java-wasm, which implements those builtins.
 */
final class OpaWasmModule {
  /** The ABI with {@code opa_eval}, which this class calls: 1.2 or later within major version 1. */
  private static final int ABI_MAJOR = 1;

  private static final int ABI_MIN_MINOR = 2;

  /** Compiled modules kept per JVM; a few, since each holds its generated classes. */
  private static final int CACHED_MODULES = 8;

  private static final Map<String, OpaWasmModule> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpaWasmModule> eldest) {
          return size() > CACHED_MODULES;
        }
      };

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WasmModule module;

  /** Null for a module that is not {@link #runnable}: it is never compiled here. */
  private final Function<Instance, Machine> machines;

  private final MemoryLimits memoryLimits;
  private final boolean importsOnlyMemoryAndAbort;
  private final Map<String, Integer> entrypoints;
  private final Map<String, Integer> builtins;

  private OpaWasmModule(byte[] wasm) {
    this.module = Parser.parse(wasm);
    MemoryLimits declared = null;
    boolean onlyMemoryAndAbort = true;
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      if (imported instanceof MemoryImport memory) {
        declared = memory.limits();
      } else if (!isOpaBuiltinImport(imported) && !"opa_abort".equals(imported.name())) {
        onlyMemoryAndAbort = false;
      }
    }
    if (declared == null) {
      throw new IllegalArgumentException("the module imports no memory (env.memory)");
    }
    this.memoryLimits = new MemoryLimits(declared.initialPages(), MemoryLimits.MAX_PAGES);
    this.importsOnlyMemoryAndAbort = onlyMemoryAndAbort;
    // read by Chicory's interpreter, which starts at once: compiling pays only when evaluating
    Instance interpreted = instantiate(null);
    requireAbiWithOpaEval(interpreted);
    OpaWasmInstance probe = new OpaWasmInstance(interpreted);
    this.entrypoints = probe.dumpMap("entrypoints");
    this.builtins = probe.dumpMap("builtins");
    this.machines = runnable() ? MachineFactoryCompiler.compile(module) : null;
  }

  /**
   * The compiled module of {@code wasm}, compiled now or taken from this JVM's cache.
   *
   * @throws RuntimeException when Chicory cannot parse, instantiate or compile it, or its ABI has
   *     no {@code opa_eval} (opa-java-wasm, for its part, takes only ABI 1.3)
   */
  static OpaWasmModule of(byte[] wasm) {
    String key = sha256(wasm);
    synchronized (CACHE) {
      OpaWasmModule compiled = CACHE.get(key);
      if (compiled == null) {
        // compiled under the lock: two threads never compile the same module twice
        compiled = new OpaWasmModule(wasm);
        CACHE.put(key, compiled);
      }
      return compiled;
    }
  }

  /** The entrypoints by name, each with the id {@code opa_eval} takes. */
  Map<String, Integer> entrypoints() {
    return entrypoints;
  }

  /**
   * Whether {@link OpaWasmInstance} can evaluate the module: it needs nothing from the host but
   * memory and {@code opa_abort} — no builtin implemented outside Wasm, no {@code print}.
   */
  boolean runnable() {
    return importsOnlyMemoryAndAbort && builtins.isEmpty();
  }

  /** The builtins the module calls on the host, by name. */
  Map<String, Integer> builtins() {
    return builtins;
  }

  /**
   * A new instance with its own memory, running this module's compiled code.
   *
   * @throws IllegalStateException when the module is not {@link #runnable}
   */
  OpaWasmInstance newInstance() {
    if (machines == null) {
      throw new IllegalStateException("OpaWasmInstance cannot evaluate this module");
    }
    return new OpaWasmInstance(instantiate(machines));
  }

  /** An instance on {@code machines}, or on Chicory's interpreter when that is null. */
  private Instance instantiate(Function<Instance, Machine> machines) {
    ImportValues imports =
        ImportValues.builder()
            .addMemory(new ImportMemory("env", "memory", new ByteArrayMemory(memoryLimits)))
            .withFunctions(hostFunctions())
            .build();
    Instance.Builder builder = Instance.builder(module).withImportValues(imports);
    if (machines != null) {
      builder.withMachineFactory(machines);
    }
    return builder.build();
  }

  /**
   * The module's function imports: {@code opa_abort} ends the evaluation with the module's message;
   * the others are only reached by modules that are not {@link #runnable}, which are not evaluated
   * here.
   */
  private List<ImportFunction> hostFunctions() {
    List<ImportFunction> functions = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imported = module.importSection().getImport(i);
      if (imported.importType() != ExternalType.FUNCTION) {
        continue;
      }
      String name = imported.name();
      var type = module.typeSection().getType(((FunctionImport) imported).typeIndex());
      WasmFunctionHandle handle =
          "opa_abort".equals(name)
              ? (instance, args) -> {
                throw new OpaWasmInstance.AbortException(
                    instance.memory().readCString((int) args[0], StandardCharsets.UTF_8));
              }
              : (instance, args) -> {
                throw new IllegalStateException(
                    "the policy called the host function "
                        + name
                        + ", which treum's runtime does not provide");
              };
      functions.add(new HostFunction(imported.module(), name, type, handle));
    }
    return functions;
  }

  private static void requireAbiWithOpaEval(Instance instance) {
    long major = instance.exports().global("opa_wasm_abi_version").getValue();
    long minor = instance.exports().global("opa_wasm_abi_minor_version").getValue();
    if (major != ABI_MAJOR || minor < ABI_MIN_MINOR) {
      throw new IllegalArgumentException(
          "OPA Wasm ABI "
              + major
              + "."
              + minor
              + " is not supported (needs "
              + ABI_MAJOR
              + "."
              + ABI_MIN_MINOR
              + " or a later "
              + ABI_MAJOR
              + ".x)");
    }
  }

  private static boolean isOpaBuiltinImport(Import imported) {
    return imported.name().startsWith("opa_builtin");
  }

  static Map<String, Integer> parseIdMap(String json, String what) {
    try {
      return Map.copyOf(JSON.readValue(json, new TypeReference<Map<String, Integer>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the module's " + what + " are not a JSON map: " + json, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
