package io.treum.gitops.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name=value} arguments of the benchmarks' main classes. */
final class OptionArguments {
  private OptionArguments() {}

  /**
   * The arguments by name, in order; a repeated name keeps its last value.
   *
   * @param usage what the messages show after the problem
   * @throws IllegalArgumentException for an argument that is not {@code --name=value}
   */
  static Map<String, String> parse(String[] args, String usage) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("'" + arg + "' is not --name=value; " + usage);
      }
      values.put(arg.substring(2, equals), arg.substring(equals + 1).trim());
    }
    return values;
  }

  /** A comma-separated list of numbers of services. */
  static List<Integer> sizes(String value, String usage) {
    List<Integer> sizes = new ArrayList<>();
    for (String size : value.split(",")) {
      sizes.add(number("sizes", size.trim(), usage));
    }
    return sizes;
  }

  static int number(String name, String value, String usage) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " needs a whole number, not '" + value + "'; " + usage, e);
    }
  }

  static IllegalArgumentException unknown(String name, String usage) {
    return new IllegalArgumentException("unknown option --" + name + "; " + usage);
  }
}
