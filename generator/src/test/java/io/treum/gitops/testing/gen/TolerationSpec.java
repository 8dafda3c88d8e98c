package io.treum.gitops.testing.gen;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

/** A toleration {@code key=value:effect}; a {@code null} value means operator {@code Exists}. */
public record TolerationSpec(String key, String value, String effect) {
  public Toleration toToleration() {
    return new TolerationBuilder()
        .withKey(key)
        .withOperator(value == null ? "Exists" : "Equal")
        .withValue(value)
        .withEffect(effect)
        .build();
  }
}
