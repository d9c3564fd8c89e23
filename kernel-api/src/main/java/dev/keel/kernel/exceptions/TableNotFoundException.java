package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a path holds no Delta table: there is no {@code _delta_log} directory, or it has no
 * commit or checkpoint.
 */
@Stable
public class TableNotFoundException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public TableNotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public TableNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
