package io.treum.gitops.model;

import java.util.regex.Pattern;

/** Kubernetes name rules, checked early so a mistake names the offending value. */
public final class Names {
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Names() {}

  /** Whether {@code value} is a DNS-1123 label (namespaces, services, workload folders). */
  public static boolean isDns1123Label(String value) {
    return value != null && value.length() <= 63 && DNS1123_LABEL.matcher(value).matches();
  }

  /** Whether {@code value} is a DNS-1123 subdomain (most object names). */
  public static boolean isDns1123Subdomain(String value) {
    return value != null && value.length() <= 253 && DNS1123_SUBDOMAIN.matcher(value).matches();
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
