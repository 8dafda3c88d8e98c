package io.treum.gitops.bump;

import io.treum.gitops.kustomize.ResourceSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Overlays of one attempt, built concurrently from the moment the attempt knows which: a bump needs
 * every overlay before its edit (the gate's cross-resource rules read them all) and every changed
 * one after it, and building them one after another left all but one core idle.
 *
 * <p>A build that fails surfaces when its overlay is first asked for, so a bump reports errors in
 * the order its checks ask for overlays, as it did when it built them lazily.
 */
final class OverlayBuilds {
  private final Map<String, CompletableFuture<ResourceSet>> builds = new LinkedHashMap<>();

  /** Starts building each of {@code overlays} on {@code executor}. */
  OverlayBuilds(
      Collection<String> overlays, Function<String, ResourceSet> build, Executor executor) {
    for (String overlay : overlays) {
      builds.put(overlay, CompletableFuture.supplyAsync(() -> build.apply(overlay), executor));
    }
  }

  /**
   * The built overlay, once its build finished.
   *
   * @throws RuntimeException the build's own exception when it failed
   */
  ResourceSet get(String overlay) {
    CompletableFuture<ResourceSet> build = builds.get(overlay);
    if (build == null) {
      throw new IllegalArgumentException("overlay " + overlay + " is not among " + builds.keySet());
    }
    try {
      return build.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Every overlay, built, in the order they were given; the first failed build's exception. */
  Map<String, ResourceSet> all() {
    Map<String, ResourceSet> built = new LinkedHashMap<>();
    for (String overlay : builds.keySet()) {
      built.put(overlay, get(overlay));
    }
    return built;
  }
}
