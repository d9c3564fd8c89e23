package dev.keel.connectors.sharing;

import dev.keel.kernel.exceptions.KernelException;

/**
 * The sharing server's configuration file cannot be used: it is not YAML, a key is unknown or
 * missing, a value has the wrong type, or the shares it describes contradict one another. The
 * message names the file, the line and the key.
 */
public final class InvalidSharingConfigException extends KernelException {
  /**
   * @param message what is wrong, where, and what to do
   */
  public InvalidSharingConfigException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, where, and what to do
   * @param cause the parser's own error
   */
  public InvalidSharingConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
