package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/** Thrown when a schema, file or value uses a data type Keel cannot represent or convert. */
@Stable
public class UnsupportedTypeException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public UnsupportedTypeException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public UnsupportedTypeException(String message, Throwable cause) {
    super(message, cause);
  }
}
