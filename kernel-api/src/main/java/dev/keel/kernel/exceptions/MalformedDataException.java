package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a JSON or Parquet file, or a value inside one, cannot be parsed. The message names
 * the file and, where known, the line.
 */
@Stable
public class MalformedDataException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public MalformedDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public MalformedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
