package io.treum.gitops.testing;

import io.treum.gitops.model.Definition;
import io.treum.gitops.model.Environment;
import io.treum.gitops.model.Workload;
import java.util.List;

/**
 * Definition classes that a service repository could get wrong, loaded by name. They live outside
 * {@code io.treum.gitops.model} so that package-private access does not hide a mistake.
 */
public final class HostileDefinitions {
  private HostileDefinitions() {}

  /** Does not implement {@link Definition}. */
  public static class NotADefinition {}

  /** Only a constructor with arguments. */
  public static class NoDefaultConstructor extends SampleDefinition {
    public NoDefaultConstructor(String name) {}
  }

  /** A no-argument constructor that is not public. */
  public static class PrivateConstructor extends SampleDefinition {
    private PrivateConstructor() {}
  }

  /** A public class that is abstract. */
  public abstract static class AbstractDefinition implements Definition {}

  /** The constructor throws. */
  public static class ThrowingConstructor extends SampleDefinition {
    public ThrowingConstructor() {
      throw new IllegalStateException("database password not set");
    }
  }

  /** A static field fails to initialise. */
  public static class ThrowingStaticInitializer extends SampleDefinition {
    static final int PORT = Integer.parseInt("eighty");
  }

  /** A second valid definition, for ServiceLoader with two implementations. */
  public static class Other implements Definition {
    @Override
    public List<Environment> environments() {
      return List.of(Environment.named("other").build());
    }

    @Override
    public List<Workload> workloads(Environment environment) {
      return List.of();
    }
  }
}
