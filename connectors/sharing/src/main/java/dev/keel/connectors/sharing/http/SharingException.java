package dev.keel.connectors.sharing.http;

import dev.keel.kernel.exceptions.KernelException;

/**
 * A request the server answers with an error: the HTTP status, the protocol's {@code errorCode} and
 * a message safe to show the recipient (it never holds a storage path or a token).
 */
public final class SharingException extends KernelException {
  private final int status;
  private final String errorCode;

  /**
   * @param status the HTTP status
   * @param errorCode the protocol's error code ({@code INVALID_PARAMETER_VALUE}, ...)
   * @param message what went wrong and what to do, for the recipient
   */
  public SharingException(int status, String errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  /**
   * @return the HTTP status
   */
  public int getStatus() {
    return status;
  }

  /**
   * @return the protocol's error code
   */
  public String getErrorCode() {
    return errorCode;
  }

  /** 400: a parameter the request gave cannot be used. */
  public static SharingException badRequest(String message) {
    return new SharingException(400, "INVALID_PARAMETER_VALUE", message);
  }

  /** 404: no such share, schema or table for this recipient. */
  public static SharingException notFound(String message) {
    return new SharingException(404, "RESOURCE_DOES_NOT_EXIST", message);
  }

  /** 403: the token is valid but does not reach what was asked. */
  public static SharingException forbidden(String message) {
    return new SharingException(403, "PERMISSION_DENIED", message);
  }
}
