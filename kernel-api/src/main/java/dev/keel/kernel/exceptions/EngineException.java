package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when an {@code Engine} operation fails; wraps the engine's failure once, naming the
 * operation and the path.
 */
@Stable
public class EngineException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public EngineException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
