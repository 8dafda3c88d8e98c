package io.treum.gitops.testing.gen;

/**
 * One change an environment makes to a workload's shared configuration. Implementations are records
 * so a failing example prints readably; indices are taken modulo the list size, so every mutation
 * applies to every configuration (or is a no-op).
 *
 * @param <C> the configuration it changes
 */
public interface Mutation<C> {
  void applyTo(C config);

  /** {@code index} folded into {@code [0, size)}, or -1 when the list is empty. */
  static int pick(int index, int size) {
    return size == 0 ? -1 : Math.floorMod(index, size);
  }
}
