package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a version or point in time is outside a table's history. The message says which
 * versions (and, for time travel by timestamp, which times) exist.
 */
@Stable
public class VersionNotFoundException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public VersionNotFoundException(String message) {
    super(message);
  }
}
