package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when an expression is malformed for the schema it is evaluated against: unknown column,
 * type mismatch, wrong number of arguments.
 */
@Stable
public class InvalidExpressionException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public InvalidExpressionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public InvalidExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
