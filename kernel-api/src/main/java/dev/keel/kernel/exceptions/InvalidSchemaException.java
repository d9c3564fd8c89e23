package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a schema string is malformed or a schema is inconsistent (duplicate names, bad
 * decimal precision).
 */
@Stable
public class InvalidSchemaException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public InvalidSchemaException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public InvalidSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
