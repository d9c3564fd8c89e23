package dev.keel.connectors.s3.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of the S3 server that passes bytes through unchanged
 * (signatures stay valid) and injects one fault into the next request whose request line starts
 * with a given text: its response swallowed after the server has acted on it, an error answer in
 * place of the server's, or a response cut short in its body. Each fault fires once; {@link
 * #fired()} counts those that did.
 */
public final class FaultProxy implements AutoCloseable {
  /** What to do to the matching request. */
  public enum Fault {
    /** Forward the request, wait for the server's answer, and close the connection unanswered. */
    DROP_RESPONSE,
    /** Answer {@code 503 SlowDown} without forwarding the request. */
    SLOW_DOWN,
    /**
     * Answer {@code 409 ConditionalRequestConflict} (a concurrent conditional write in progress)
     * without forwarding the request.
     */
    CONDITIONAL_CONFLICT,
    /** Forward the request and pass on the response's headers and only 5 bytes of its body. */
    TRUNCATE_BODY
  }

  private static final String SLOW_DOWN_RESPONSE =
      errorResponse("503 Slow Down", "SlowDown", "Reduce your request rate.");
  private static final String CONFLICT_RESPONSE =
      errorResponse(
          "409 Conflict",
          "ConditionalRequestConflict",
          "A conflicting conditional operation is currently in progress against this resource.");

  private static String errorResponse(String status, String code, String message) {
    String body =
        "<?xml version=\"1.0\"?><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>";
    return "HTTP/1.1 "
        + status
        + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + body.length()
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  private final int targetPort;
  private final ServerSocket listener;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger fired = new AtomicInteger();
  private volatile String armedPrefix;
  private volatile Fault armedFault;
  private volatile Runnable afterServerAnswered = () -> {};

  /**
   * @param targetPort the S3 server's port on the loopback address
   */
  public FaultProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::acceptLoop, "fault-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * @return the proxy's endpoint URL
   */
  public String endpoint() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /**
   * Arms a fault for the next request whose request line (such as {@code PUT /bucket/key HTTP/1.1})
   * starts with {@code requestLinePrefix}.
   *
   * @param fault the fault
   * @param requestLinePrefix the start of the request line
   * @param afterServerAnswered run once the server has answered a {@link Fault#DROP_RESPONSE}
   *     request, before the connection is closed (to stop the server, say)
   */
  public void arm(Fault fault, String requestLinePrefix, Runnable afterServerAnswered) {
    this.afterServerAnswered = afterServerAnswered;
    this.armedFault = fault;
    this.armedPrefix = requestLinePrefix;
  }

  /**
   * @return how many armed faults have fired
   */
  public int fired() {
    return fired.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Relays one client connection, request by request. */
  private void serve(Socket client) {
    try (client;
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      open.add(server);
      InputStream fromClient = client.getInputStream();
      OutputStream toServer = server.getOutputStream();
      InputStream fromServer = server.getInputStream();
      OutputStream toClient = client.getOutputStream();
      // the fault of the request in flight on this connection: the engine reads several files at
      // once, and only the armed request's response may be hurt
      java.util.concurrent.atomic.AtomicReference<Fault> current =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread back = new Thread(() -> relayResponses(fromServer, toClient, client, server, current));
      back.setDaemon(true);
      back.start();
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = fromClient.read(buf)) > 0) {
        String text = new String(buf, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
        String prefix = armedPrefix;
        if (prefix != null && text.startsWith(prefix)) {
          armedPrefix = null;
          fired.incrementAndGet();
          Fault fault = armedFault;
          if (fault == Fault.SLOW_DOWN || fault == Fault.CONDITIONAL_CONFLICT) {
            String answer = fault == Fault.SLOW_DOWN ? SLOW_DOWN_RESPONSE : CONFLICT_RESPONSE;
            toClient.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            toClient.flush();
            return; // Connection: close
          }
          current.set(fault);
        }
        toServer.write(buf, 0, n);
        toServer.flush();
      }
      back.join(10_000);
    } catch (IOException | InterruptedException e) {
      // a connection ends: the client sees it closed
    }
  }

  private void relayResponses(
      InputStream fromServer,
      OutputStream toClient,
      Socket a,
      Socket b,
      java.util.concurrent.atomic.AtomicReference<Fault> current) {
    try {
      byte[] buf = new byte[64 * 1024];
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int n;
      while ((n = fromServer.read(buf)) > 0) {
        Fault f = current.get();
        if (f == Fault.DROP_RESPONSE) {
          current.set(null);
          afterServerAnswered.run();
          a.close();
          b.close();
          return;
        }
        if (f == Fault.TRUNCATE_BODY) {
          head.write(buf, 0, n);
          byte[] so = head.toByteArray();
          int end = indexOf(so, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          if (end < 0) {
            continue; // the headers are not complete yet
          }
          current.set(null);
          toClient.write(so, 0, Math.min(so.length, end + 4 + 5));
          toClient.flush();
          a.close();
          b.close();
          return;
        }
        toClient.write(buf, 0, n);
        toClient.flush();
      }
    } catch (IOException e) {
      // closed
    } finally {
      try {
        a.close();
        b.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    for (int i = 0; i + pattern.length <= data.length; i++) {
      boolean match = true;
      for (int j = 0; j < pattern.length && match; j++) {
        match = data[i + j] == pattern[j];
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
