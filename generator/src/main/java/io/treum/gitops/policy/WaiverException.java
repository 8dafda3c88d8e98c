package io.treum.gitops.policy;

/**
 * A waiver file that cannot be read or is invalid: malformed YAML, an unknown field, a missing
 * reason, owner or expiry, a bad date, a repeated entry. The message names the file and the entry.
 */
public class WaiverException extends RuntimeException {
  public WaiverException(String message) {
    super(message);
  }

  public WaiverException(String message, Throwable cause) {
    super(message, cause);
  }
}
