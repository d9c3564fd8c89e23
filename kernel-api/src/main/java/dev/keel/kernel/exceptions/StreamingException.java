package dev.keel.kernel.exceptions;

import dev.keel.kernel.annotations.Stable;

/**
 * Thrown by a {@code FileStream} when a commit breaks its policy: it removed data while the stream
 * neither ignores deletes nor changes, or it changed the schema or protocol in a way the stream
 * cannot follow. The message names the version and the option that would let it pass.
 */
@Stable
public class StreamingException extends KernelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, why, and what to do
   */
  public StreamingException(String message) {
    super(message);
  }
}
