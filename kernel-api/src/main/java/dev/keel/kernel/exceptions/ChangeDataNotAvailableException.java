package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown when a table's change data feed cannot be read for a range of commits: the feed was not
 * enabled for one of them, or the table's schema changed within the range in a way the rows of the
 * range cannot be read under one schema. The message names the versions and what to do.
 */
@Stable
public class ChangeDataNotAvailableException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public ChangeDataNotAvailableException(String message) {
    super(message);
  }
}
