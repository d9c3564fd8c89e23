package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * The base class of every error Keel reports to its users.
 *
 * <p>Messages say what went wrong, why, and what to do about it. Subclasses name the kind of
 * failure so callers can react to it without parsing messages. Instances are created by Keel
 * itself; connector code catches them.
 */
@Stable
public class KernelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, why, and what to do
   */
  public KernelException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public KernelException(String message, Throwable cause) {
    super(message, cause);
  }
}
