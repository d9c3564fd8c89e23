package dev.keel.connectors.sharing;

import static java.util.Objects.requireNonNull;

import dev.keel.connectors.sharing.http.SharingHandler;
import dev.keel.connectors.sharing.read.SharedTables;
import dev.keel.kernel.engine.Engine;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Delta Sharing server (delta-io/delta-sharing PROTOCOL.md) answering from Keel snapshots: every
 * endpoint of the protocol under the configured prefix, file URLs signed by the server and served
 * by it (local tables), bearer tokens per share, page tokens that cannot be forged, request size
 * and rate limits, HTTP/1.1 keep-alive and optional TLS (Jetty 12).
 *
 * <pre>{@code
 * try (DefaultEngine engine = DefaultEngine.create();
 *     SharingServer server = SharingServer.start(SharingConfig.load(Path.of("sharing.yaml")), engine)) {
 *   System.out.println("serving at " + server.getUri());
 *   server.join();
 * }
 * }</pre>
 */
public final class SharingServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final SharingConfig config;
  private final SharingHandler handler;

  private SharingServer(
      Server server, ServerConnector connector, SharingConfig config, SharingHandler handler) {
    this.server = server;
    this.connector = connector;
    this.config = config;
    this.handler = handler;
  }

  /**
   * Starts a server that logs each request as a JSON line on standard output (when the
   * configuration's {@code accessLog} is on).
   *
   * @param config what to serve
   * @param engine the engine tables are read with; the caller keeps it open while the server runs
   *     and closes it after
   * @return the running server; close it to stop
   * @throws IllegalStateException if the server cannot listen (the port is taken, the key store
   *     cannot be read)
   */
  public static SharingServer start(SharingConfig config, Engine engine) {
    return start(config, engine, config.isAccessLog() ? System.out::println : null);
  }

  /**
   * Starts a server whose access log lines go to {@code accessLog}.
   *
   * @param accessLog receives one JSON line per request; null for none
   */
  public static SharingServer start(
      SharingConfig config, Engine engine, Consumer<String> accessLog) {
    requireNonNull(config, "config is null");
    requireNonNull(engine, "engine is null");
    byte[] secret = config.getUrlSigningKey().orElseGet(SharingServer::randomKey);
    SharedTables tables = new SharedTables(config, engine);
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("keel-sharing");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(16 * 1024);
    http.setUriCompliance(UriCompliance.DEFAULT);
    ServerConnector connector;
    if (config.getTls().isPresent()) {
      SharingConfig.Tls tls = config.getTls().get();
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.keyStoreFile().toString());
      ssl.setKeyStorePassword(tls.keyStorePassword());
      ssl.setKeyStoreType(tls.keyStoreType());
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      connector =
          new ServerConnector(
              server,
              new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
              new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(config.getHost());
    connector.setPort(config.getPort());
    connector.setIdleTimeout(config.getIdleTimeoutMillis());
    server.addConnector(connector);
    SharingHandler handler =
        new SharingHandler(config, tables, secret, accessLog, Clock.systemUTC());
    server.setHandler(handler);
    server.setStopTimeout(5_000);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException(
          "Cannot start the sharing server on "
              + config.getHost()
              + ":"
              + config.getPort()
              + ": "
              + e.getMessage(),
          e);
    }
    return new SharingServer(server, connector, config, handler);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /**
   * @return the port the server listens on
   */
  public int getPort() {
    return connector.getLocalPort();
  }

  /**
   * @return the endpoint recipients put in their profile file, such as {@code
   *     http://localhost:8080/delta-sharing}
   */
  public URI getUri() {
    String scheme = config.getTls().isPresent() ? "https" : "http";
    String host = config.getHost().contains(":") ? "[" + config.getHost() + "]" : config.getHost();
    return URI.create(scheme + "://" + host + ":" + getPort() + config.getEndpoint());
  }

  /**
   * Blocks until the server stops.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server: requests in flight get up to 5 seconds to finish. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the sharing server: " + e.getMessage(), e);
    } finally {
      handler.close();
    }
  }
}
