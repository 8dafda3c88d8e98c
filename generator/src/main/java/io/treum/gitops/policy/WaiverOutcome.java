package io.treum.gitops.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Findings after waivers: those still standing (with the findings about the waivers themselves) and
 * those waived, each sorted.
 *
 * @param findings the findings no waiver accepted, and those of {@link WaiverRules}
 * @param waived the findings a waiver accepted
 */
public record WaiverOutcome(List<Finding> findings, List<WaivedFinding> waived) {

  public WaiverOutcome {
    findings = sorted(findings);
    waived = sorted(waived);
  }

  static <T extends Comparable<? super T>> List<T> sorted(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.sort(copy);
    return List.copyOf(copy);
  }
}
