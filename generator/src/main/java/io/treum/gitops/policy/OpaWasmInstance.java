package io.treum.gitops.policy;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One instance of an {@link OpaWasmModule}: its own memory, with the policy's (empty) data loaded
 * once, evaluated through OPA's one-call {@code opa_eval} (ABI 1.2): the input's JSON is written
 * straight after the data, the module parses it, evaluates the entrypoint on a heap that starts
 * after it and returns the result set as JSON — the same text {@code OpaPolicy.evaluate} returns.
 * Every evaluation starts from the same heap pointer, so memory does not grow from run to run.
 *
 * <p>Not thread-safe: one thread at a time, as with {@code OpaPolicy}.
 */
final class OpaWasmInstance {
  /** {@code opa_abort}: the policy ended the evaluation, e.g. on a runtime error in Rego. */
  static final class AbortException extends RuntimeException {
    AbortException(String message) {
      super("the policy aborted: " + message);
    }
  }

  private static final int JSON_FORMAT = 0;

  private final Instance instance;
  private final Memory memory;
  private final ExportFunction opaEval;
  private final ExportFunction opaMalloc;
  private final ExportFunction opaFree;
  private final ExportFunction opaJsonParse;
  private final ExportFunction opaJsonDump;
  private final ExportFunction opaHeapPtrGet;
  private final int dataAddress;
  private final int inputAddress;

  OpaWasmInstance(Instance instance) {
    this.instance = instance;
    this.memory = instance.memory();
    this.opaEval = instance.export("opa_eval");
    this.opaMalloc = instance.export("opa_malloc");
    this.opaFree = instance.export("opa_free");
    this.opaJsonParse = instance.export("opa_json_parse");
    this.opaJsonDump = instance.export("opa_json_dump");
    this.opaHeapPtrGet = instance.export("opa_heap_ptr_get");
    this.dataAddress = parse("{}");
    // everything below is the data; the input and each evaluation's heap go above it
    this.inputAddress = (int) opaHeapPtrGet.apply()[0];
  }

  /**
   * Evaluates {@code entrypoint} on {@code input}.
   *
   * @param entrypoint the entrypoint's id (see {@link OpaWasmModule#entrypoints})
   * @param input the input document as UTF-8 JSON
   * @return the result set as JSON, {@code []} when the entrypoint is undefined
   * @throws AbortException when the policy aborts
   */
  String evaluate(int entrypoint, byte[] input) {
    int heap = inputAddress + input.length;
    // long: 32,768 pages or more are 2 GiB, past int
    long missing = heap - (long) memory.pages() * Memory.PAGE_SIZE;
    if (missing > 0
        && memory.grow((int) ((missing + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE)) < 0) {
      throw new IllegalStateException(
          "the input (" + input.length + " bytes) does not fit into the module's memory");
    }
    memory.write(inputAddress, input);
    long[] returned =
        opaEval.apply(0, entrypoint, dataAddress, inputAddress, input.length, heap, JSON_FORMAT);
    int result = (int) returned[0];
    if (result == 0) {
      throw new IllegalStateException("opa_eval returned no result");
    }
    return memory.readCString(result, StandardCharsets.UTF_8);
  }

  /** The id map an export without arguments returns: {@code entrypoints} or {@code builtins}. */
  Map<String, Integer> dumpMap(String export) {
    int value = (int) instance.export(export).apply()[0];
    int text = (int) opaJsonDump.apply(value)[0];
    String json = memory.readCString(text, StandardCharsets.UTF_8);
    opaFree.apply(text);
    return OpaWasmModule.parseIdMap(json, export);
  }

  private int parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    int text = (int) opaMalloc.apply(bytes.length)[0];
    memory.write(text, bytes);
    int value = (int) opaJsonParse.apply(text, bytes.length)[0];
    opaFree.apply(text);
    if (value == 0) {
      throw new IllegalArgumentException("the module cannot parse " + json);
    }
    return value;
  }

  /** The pages of memory the instance holds now, for tests. */
  int memoryPages() {
    return memory.pages();
  }
}
