package io.treum.gitops.policy;

import java.util.Objects;

/**
 * A finding that a waiver accepted: it does not fail the build but stays in every report.
 *
 * @param finding the finding as the policy reported it
 * @param waiver the first waiver in the file that matched it
 */
public record WaivedFinding(Finding finding, Waiver waiver) implements Comparable<WaivedFinding> {

  public WaivedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(waiver, "waiver");
  }

  @Override
  public int compareTo(WaivedFinding other) {
    int byFinding = finding.compareTo(other.finding);
    return byFinding != 0 ? byFinding : Integer.compare(waiver.entry(), other.waiver.entry());
  }
}
