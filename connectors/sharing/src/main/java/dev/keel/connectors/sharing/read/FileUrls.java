package dev.keel.connectors.sharing.read;

/**
 * Short-lived URLs a recipient downloads a table's files with: the server's own signed file
 * endpoint for local tables, presigned URLs for object stores. One instance serves one response, so
 * every URL in it expires at the same time.
 */
public interface FileUrls {
  /** A URL and when it stops working. */
  record Signed(String url, long expirationTimestampMillis) {}

  /**
   * @param absolutePath a file of the table, as {@code ScanFile.resolvePath} gives it
   * @return its URL
   * @throws dev.keel.connectors.sharing.http.SharingException if the file lies outside the table's
   *     directory: such a file is never handed out
   */
  Signed sign(String absolutePath);

  /**
   * @return when the URLs of this response expire, epoch milliseconds
   */
  long expirationTimestampMillis();
}
