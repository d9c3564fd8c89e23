package dev.keel.connectors.kafka;

import dev.keel.kernel.exceptions.KernelException;

/**
 * Ingestion stopped: a message could not be ingested and there is no dead-letter table, or the
 * table cannot take the topic's data. Nothing of the batch that held the message was committed.
 */
public final class IngestException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, why, and what to do
   */
  public IngestException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, why, and what to do
   * @param cause the underlying failure
   */
  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
