package io.treum.gitops.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
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
    try {
      Constructor<?> constructor = type.getDeclaredConstructor();
      return (Definition) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new DefinitionException(
          "definition class '" + className + "' needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new DefinitionException(
          "definition class '" + className + "' threw in its constructor: " + e.getCause(),
          e.getCause());
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

  private static Definition fromServiceLoader(ClassLoader loader) {
    List<Definition> found = new ArrayList<>();
    try {
      ServiceLoader.load(Definition.class, loader).forEach(found::add);
    } catch (ServiceConfigurationError e) {
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
