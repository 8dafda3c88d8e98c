package io.treum.gitops.model;

import java.util.regex.Pattern;

/** Kubernetes name rules, checked early so a mistake names the offending value. */
public final class Names {
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private Names() {}

  /** Whether {@code value} is a DNS-1123 label (namespaces, services, workload folders). */
  public static boolean isDns1123Label(String value) {
    return value != null && value.length() <= 63 && DNS1123_LABEL.matcher(value).matches();
  }

  /** Whether {@code value} is a DNS-1123 subdomain (most object names). */
  public static boolean isDns1123Subdomain(String value) {
    return value != null && value.length() <= 253 && DNS1123_SUBDOMAIN.matcher(value).matches();
  }

  /**
   * Whether {@code key} is a valid label key: an optional DNS-1123 subdomain prefix and {@code /},
   * then a name of at most 63 letters, digits, {@code -}, {@code _} and {@code .}, starting and
   * ending with a letter or digit.
   */
  public static boolean isLabelKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && !isDns1123Subdomain(key.substring(0, slash))) {
      return false;
    }
    return name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
  }

  /** Whether {@code value} is a valid label value: empty, or a name as in {@link #isLabelKey}. */
  public static boolean isLabelValue(String value) {
    return value != null
        && (value.isEmpty() || value.length() <= 63 && QUALIFIED_NAME.matcher(value).matches());
  }

  /** Checks a label; throws a {@link DefinitionException} naming {@code what} and the fix. */
  public static void requireLabel(String key, String value, String what) {
    if (!isLabelKey(key)) {
      throw new DefinitionException(
          what
              + ": label key '"
              + key
              + "' is not valid: use [prefix/]name, the name at most 63 letters, digits, '-', '_'"
              + " and '.', starting and ending with a letter or digit");
    }
    if (!isLabelValue(value)) {
      throw new DefinitionException(
          what
              + ": value '"
              + value
              + "' of label "
              + key
              + " is not valid: use at most 63 letters, digits, '-', '_' and '.', starting and"
              + " ending with a letter or digit (or an empty value)");
    }
  }

  /** Returns {@code value} or throws a {@link DefinitionException} naming {@code what}. */
  public static String requireDns1123Label(String value, String what) {
    if (!isDns1123Label(value)) {
      throw new DefinitionException(
          what
              + " '"
              + value
              + "' is not a valid DNS-1123 label: use at most 63 lower-case letters, digits and"
              + " '-', starting and ending with a letter or digit");
    }
    return value;
  }
}
