package dev.keel.connectors.sharing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Requests written byte for byte on a socket, for what an HTTP client library would tidy up. */
final class RawHttp {
  private RawHttp() {}

  /** Sends the bytes and reads until the server closes the connection (10 s at most). */
  static String exchange(int port, String request) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readAll(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET of a raw request target, with {@code Connection: close}. */
  static String get(int port, String target, String token) {
    return exchange(
        port,
        "GET "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + token
            + "\r\nConnection: close\r\n\r\n");
  }

  static int status(String response) {
    if (!response.startsWith("HTTP/1.1 ")) {
      throw new AssertionError("not an HTTP response: " + response);
    }
    return Integer.parseInt(response.substring(9, 12));
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    try {
      int n;
      while ((n = in.read(b)) > 0) {
        buf.write(b, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed within 10 s: " + buf, e);
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }
}
