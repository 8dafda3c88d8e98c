package io.treum.gitops.policy;

import java.util.Arrays;

/**
 * One compiled policy: a raw OPA Wasm module ({@code opa build -t wasm}, the bundle's {@code
 * /policy.wasm}) with the {@value PolicyEngine#REPORT_ENTRYPOINT} entrypoint.
 *
 * @param name where it came from, for messages: a file, a jar entry, "treum-policies"
 * @param wasm the module's bytes
 */
public record PolicyModule(String name, byte[] wasm) {
  /** The first bytes of every WebAssembly module: {@code \0asm}. */
  private static final byte[] MAGIC = {0, 'a', 's', 'm'};

  public PolicyModule {
    ObjectRef.requireText(name, "policy module name");
    wasm = wasm.clone();
    if (wasm.length < MAGIC.length || !Arrays.equals(wasm, 0, MAGIC.length, MAGIC, 0, 4)) {
      throw new PolicyException(
          name
              + " is not a WebAssembly module (it does not start with \\0asm): pass the policy.wasm"
              + " that opa build -t wasm writes into its bundle, not the bundle itself");
    }
  }

  @Override
  public byte[] wasm() {
    return wasm.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PolicyModule m && name.equals(m.name) && Arrays.equals(wasm, m.wasm);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(wasm);
  }

  @Override
  public String toString() {
    return "PolicyModule[" + name + ", " + wasm.length + " bytes]";
  }
}
