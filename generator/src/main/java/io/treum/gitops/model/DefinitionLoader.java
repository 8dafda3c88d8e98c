package io.treum.gitops.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds a service repository's {@link Definition}: by class name, or the single implementation
 * registered for {@link ServiceLoader} when no name is given.
 */
public final class DefinitionLoader {
  private DefinitionLoader() {}

  /**
   * Loads and instantiates the definition.
   *
   * @param className a fully qualified class name, or {@code null}/blank to use ServiceLoader
   * @throws DefinitionException naming the class and how to fix it
   */
  public static Definition load(String className, ClassLoader loader) {
    if (className == null || className.isBlank()) {
      return fromServiceLoader(loader);
    }
    Class<?> type;
    try {
      type = Class.forName(className.trim(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new DefinitionException(
          "definition class '"
              + className
              + "' not found on the project's compile classpath:"
              + " check treum.definition (-Dtreum.definition) and that the class is in"
              + " src/main/java",
          e);
    }
    if (!Definition.class.isAssignableFrom(type)) {
      throw new DefinitionException(
          "definition class '"
              + className
              + "' does not implement "
              + Definition.class.getName()
              + ": add 'implements Definition'");
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new DefinitionException(
          "definition class '"
              + className
              + "' is abstract or an interface: name a concrete class that implements "
              + Definition.class.getName());
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor();
      return (Definition) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new DefinitionException(
          "definition class '"
              + className
              + "' needs a public no-argument constructor: add one (a nested class must also be"
              + " static)",
          e);
    } catch (InvocationTargetException e) {
      throw new DefinitionException(
          "definition class '"
              + className
              + "' threw in its constructor: "
              + e.getCause()
              + "; fix the constructor",
          e.getCause());
    } catch (LinkageError e) {
      throw linkageProblem(className, e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new DefinitionException(
          "cannot instantiate definition class '"
              + className
              + "': "
              + e
              + "; make the class and its no-argument constructor public",
          e);
    }
  }

  /** A class that failed to link or initialise, named with the likely fix. */
  private static DefinitionException linkageProblem(String className, LinkageError error) {
    // A second attempt gives NoClassDefFoundError "Could not initialize class", caused (since
    // Java 17) by the first ExceptionInInitializerError: report the original failure either way.
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ExceptionInInitializerError initializer) {
        Object cause =
            initializer.getCause() != null ? initializer.getCause() : initializer.getMessage();
        return new DefinitionException(
            "definition class '"
                + className
                + "' failed in its static initializer: "
                + cause
                + "; fix the static fields of the class",
            error);
      }
    }
    return new DefinitionException(
        "definition class '"
            + className
            + "' cannot be loaded: "
            + error
            + "; check that its dependencies are on the project's compile classpath",
        error);
  }

  private static Definition fromServiceLoader(ClassLoader loader) {
    List<Definition> found = new ArrayList<>();
    try {
      ServiceLoader.load(Definition.class, loader).forEach(found::add);
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new DefinitionException(
          "META-INF/services/"
              + Definition.class.getName()
              + " names a class that cannot be"
              + " loaded: "
              + e.getMessage(),
          e);
    }
    if (found.size() != 1) {
      throw new DefinitionException(
          (found.isEmpty()
                  ? "no definition found"
                  : found.size()
                      + " definitions found "
                      + found.stream().map(d -> d.getClass().getName()).toList())
              + ": set treum.definition (-Dtreum.definition=<class>) or list exactly one class in"
              + " META-INF/services/"
              + Definition.class.getName());
    }
    return found.get(0);
  }
}
