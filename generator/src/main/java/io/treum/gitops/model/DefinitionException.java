package io.treum.gitops.model;

/** A definition that cannot be rendered: the message names the value and how to fix it. */
public class DefinitionException extends RuntimeException {
  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
