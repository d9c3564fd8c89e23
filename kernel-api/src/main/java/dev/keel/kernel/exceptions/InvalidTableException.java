package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a table's log is inconsistent: missing or non-contiguous commits, no protocol or
 * metadata, or actions that contradict the protocol.
 */
@Stable
public class InvalidTableException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public InvalidTableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public InvalidTableException(String message, Throwable cause) {
    super(message, cause);
  }
}
