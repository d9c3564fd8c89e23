package dev.keel.connectors.cli;

/**
 * A mistake in what the user typed (a bad predicate, schema or option value): exit code 1, one
 * line.
 */
final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageError(String message) {
    super(message);
  }
}
