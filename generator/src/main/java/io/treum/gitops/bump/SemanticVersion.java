package io.treum.gitops.bump;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag read as a semantic version ({@code 1.4.2}, {@code v2.0.0-rc.1}), to refuse downgrades.
 * Build metadata is ignored; pre-releases sort before their release, as SemVer 2.0 says.
 */
record SemanticVersion(long major, long minor, long patch, String preRelease)
    implements Comparable<SemanticVersion> {
  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(0|[1-9][0-9]{0,17})\\.(0|[1-9][0-9]{0,17})\\.(0|[1-9][0-9]{0,17})"
              + "(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

  /** The version a tag names, or empty when it is not a semantic version. */
  static Optional<SemanticVersion> parse(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SemanticVersion(
            Long.parseLong(m.group(1)),
            Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            m.group(4)));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int core =
        major != other.major
            ? Long.compare(major, other.major)
            : minor != other.minor
                ? Long.compare(minor, other.minor)
                : Long.compare(patch, other.patch);
    if (core != 0) {
      return core;
    }
    if (preRelease == null || other.preRelease == null) {
      return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
    }
    return comparePreRelease(preRelease, other.preRelease);
  }

  private static int comparePreRelease(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      boolean leftNumber = left[i].matches("[0-9]+");
      boolean rightNumber = right[i].matches("[0-9]+");
      int order;
      if (leftNumber && rightNumber) {
        order = new BigInteger(left[i]).compareTo(new BigInteger(right[i]));
      } else if (leftNumber != rightNumber) {
        order = leftNumber ? -1 : 1;
      } else {
        order = left[i].compareTo(right[i]);
      }
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }
}
