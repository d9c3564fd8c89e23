package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown by a write-if-absent operation when the target file already exists. Commit logic treats it
 * as a lost race with another writer.
 */
@Stable
public class PathAlreadyExistsException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public PathAlreadyExistsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public PathAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
