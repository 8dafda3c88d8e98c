package io.treum.gitops.maven;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parsing of list parameters that users give on the command line. */
final class ParameterValues {
  private ParameterValues() {}

  /**
   * Names from a list parameter: Maven splits {@code -Dx=a,b} itself, but configuration may hold
   * comma-separated entries too; blanks are dropped, order kept, repeats removed.
   */
  static Set<String> names(List<String> values) {
    Set<String> names = new LinkedHashSet<>();
    if (values != null) {
      for (String value : values) {
        for (String name : value.split(",")) {
          if (!name.isBlank()) {
            names.add(name.trim());
          }
        }
      }
    }
    return names;
  }
}
