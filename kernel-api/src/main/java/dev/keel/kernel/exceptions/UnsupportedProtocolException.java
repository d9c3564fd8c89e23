package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a table needs a reader or writer protocol version, or a table feature, that Keel does
 * not support. The message lists what is needed and what Keel supports.
 */
@Stable
public class UnsupportedProtocolException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public UnsupportedProtocolException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public UnsupportedProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
