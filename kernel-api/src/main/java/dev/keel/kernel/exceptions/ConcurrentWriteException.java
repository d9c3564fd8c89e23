package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a commit conflicts with a concurrent commit that Keel cannot reconcile automatically.
 * The message says what conflicted.
 */
@Stable
public class ConcurrentWriteException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public ConcurrentWriteException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public ConcurrentWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
