package io.treum.gitops.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.treum.gitops.kustomize.ResourceSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OverlayBuildsTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void buildsRunAtTheSameTime() {
    // each build waits for the other to start: built one after the other, neither would finish
    CountDownLatch started = new CountDownLatch(2);
    OverlayBuilds builds =
        new OverlayBuilds(
            List.of("dr", "production"),
            overlay -> {
              started.countDown();
              try {
                assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return new ResourceSet();
            },
            pool);

    assertThat(builds.all()).containsOnlyKeys("dr", "production");
  }

  @Test
  void aFailedBuildSurfacesWhenItsOverlayIsAskedFor() {
    ResourceSet production = new ResourceSet();
    OverlayBuilds builds =
        new OverlayBuilds(
            List.of("dr", "production", "staging"),
            overlay -> {
              if (overlay.equals("production")) {
                return production;
              }
              throw new BumpException("overlays/" + overlay + " does not build");
            },
            pool);

    assertThat(builds.get("production")).isSameAs(production);
    assertThatThrownBy(() -> builds.get("staging"))
        .isInstanceOf(BumpException.class)
        .hasMessage("overlays/staging does not build");
    // every overlay: the first failure in the order given
    assertThatThrownBy(builds::all).hasMessage("overlays/dr does not build");
    assertThatThrownBy(() -> builds.get("canary"))
        .hasMessageContaining("[dr, production, staging]");
  }

  @Test
  void anErrorInABuildIsRethrownAsItself() {
    OverlayBuilds builds =
        new OverlayBuilds(
            List.of("production"),
            overlay -> {
              throw new StackOverflowError("deep");
            },
            pool);

    assertThatThrownBy(() -> builds.get("production"))
        .isInstanceOf(StackOverflowError.class)
        .hasMessage("deep");
  }

  @Test
  void everyOverlayInTheOrderGiven() {
    Map<String, ResourceSet> all =
        new OverlayBuilds(List.of("staging", "dr"), overlay -> new ResourceSet(), pool).all();

    assertThat(all.keySet()).containsExactly("staging", "dr");
  }
}
